package dev.wifdesk.plan;

/** What a planned step will do to its resource, as judged from the state observed when planning. */
public enum Action {
    CREATE, UPDATE, UNDELETE, DELETE, NONE;

    /** The word of CLI.md's JSON ({@code create|update|undelete|delete|none}). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
