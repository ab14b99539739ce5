package dev.wifdesk.plan;

/** What a planned step will do to its resource, as judged from the state observed when planning. */
public enum Action {
    CREATE, UPDATE, UNDELETE, NONE
}
