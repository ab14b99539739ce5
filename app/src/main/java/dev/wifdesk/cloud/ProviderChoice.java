package dev.wifdesk.cloud;

/** One provider of the connected project, as listed in the provider picker. */
public record ProviderChoice(String name, String poolId, String providerId, String displayName, String state) {
    /** The picker's text: pool / provider, with the state when it is not ACTIVE. */
    public String label() {
        String s = poolId + " / " + providerId;
        return state == null || state.isEmpty() || "ACTIVE".equals(state) ? s : s + " (" + state + ")";
    }

    @Override
    public String toString() {
        return label();
    }
}
