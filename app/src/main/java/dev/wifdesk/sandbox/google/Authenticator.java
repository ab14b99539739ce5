package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bearer token -> {@link Identity}. Google APIs other than IAM Credentials refuse federated STS
 * tokens with 401 (catalogue #14), as they do for missing, unknown and expired tokens. A federated
 * token also stops working once its pool is disabled or deleted.
 */
final class Authenticator {
    private final TokenStore tokens;
    private final SandboxState state;

    Authenticator(TokenStore tokens, SandboxState state) {
        this.tokens = tokens;
        this.state = state;
    }

    /** A user or service account; federated tokens are refused as on the real APIs. */
    Identity caller(ApiRequest request) {
        Identity id = anyCaller(request);
        if (id.kind() == Identity.Kind.FEDERATED) {
            throw GoogleErrors.tokenTypeUnsupported(request.host());
        }
        return id;
    }

    /** Any valid token, federated ones included (IAM Credentials accepts them). */
    Identity anyCaller(ApiRequest request) {
        String token = request.bearer()
                .orElseThrow(() -> GoogleErrors.credentialsMissing(request.host()));
        Identity id = tokens.lookup(token, state.now())
                .orElseThrow(() -> GoogleErrors.tokenRejected(request.host()));
        if (id.kind() == Identity.Kind.FEDERATED && !poolUsable(id.poolName())) {
            throw GoogleErrors.tokenRejected(request.host());
        }
        return id;
    }

    private boolean poolUsable(String poolName) {
        return state.read(d -> {
            ObjectNode pool = d.pools.get(poolName);
            return pool != null && !"DELETED".equals(pool.path("state").asText()) && !pool.path("disabled").asBoolean();
        });
    }
}
