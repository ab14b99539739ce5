package dev.wifdesk.sandbox.google;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who a bearer token stands for: a user (the operator), a service account, or a federated
 * principal from an STS exchange (its {@code principal://} subject and {@code principalSet://}
 * memberships, project NUMBER form).
 */
record Identity(Kind kind, String email, String principal, Set<String> principalSets, String poolName,
                Instant expiresAt) {

    enum Kind { USER, SERVICE_ACCOUNT, FEDERATED }

    Identity {
        principalSets = principalSets == null ? Set.of() : Set.copyOf(principalSets);
    }

    static Identity user(String email) {
        return new Identity(Kind.USER, email, null, Set.of(), null, null);
    }

    static Identity serviceAccount(String email, Instant expiresAt) {
        return new Identity(Kind.SERVICE_ACCOUNT, email, null, Set.of(), null, expiresAt);
    }

    static Identity federated(String principal, Set<String> principalSets, String poolName, Instant expiresAt) {
        return new Identity(Kind.FEDERATED, null, principal, principalSets, poolName, expiresAt);
    }

    /** The policy members this identity matches. */
    List<String> members() {
        List<String> out = new ArrayList<>();
        switch (kind) {
            case USER -> out.add("user:" + email);
            case SERVICE_ACCOUNT -> out.add("serviceAccount:" + email);
            case FEDERATED -> {
                out.add(principal);
                out.addAll(principalSets);
            }
        }
        return out;
    }

    boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
