package dev.wifdesk.sandbox.gitlab;

/** A GitLab user as the ID token and the REST API describe it; {@code accessLevel} on the seeded projects. */
public record SandboxUser(long id, String username, String name, String email, AccessLevel accessLevel) {

    /** GitLab's project roles, with the numbers the API uses and the names the ID token uses. */
    public enum AccessLevel {
        GUEST(10, "guest"), REPORTER(20, "reporter"), DEVELOPER(30, "developer"), MAINTAINER(40, "maintainer"),
        OWNER(50, "owner");

        private final int value;
        private final String claim;

        AccessLevel(int value, String claim) {
            this.value = value;
            this.claim = claim;
        }

        public int value() {
            return value;
        }

        public String claim() {
            return claim;
        }

        public boolean atLeast(AccessLevel other) {
            return value >= other.value;
        }
    }
}
