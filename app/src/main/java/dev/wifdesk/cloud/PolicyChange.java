package dev.wifdesk.cloud;

/** One binding to add to (or remove from) an IAM policy: shown to the user before it is made. */
public record PolicyChange(String resource, String role, String member, boolean add) {
    public String describe() {
        return (add ? "+ " : "- ") + role + " " + member + " on " + resource;
    }
}
