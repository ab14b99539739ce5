package dev.wifdesk.sandbox.gitlab;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitLab's OpenID Connect discovery document and JWKS, both naming the https issuer (the
 * sandbox is reached over loopback http; the Google sandbox maps the issuer name to it).
 */
final class OidcEndpoints {
    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    static final String JWKS_PATH = "/oauth/discovery/keys";

    private final String issuer;
    private final SigningKey key;
    OidcEndpoints(String issuer, SigningKey key) {
        this.issuer = issuer;
        this.key = key;
    }

    Optional<Reply> handle(String method, String path) throws ApiError {
        if (!path.equals(DISCOVERY_PATH) && !path.equals(JWKS_PATH)) {
            return Optional.empty();
        }
        if (!method.equalsIgnoreCase("GET") && !method.equalsIgnoreCase("HEAD")) {
            throw ApiError.methodNotAllowed();
        }
        if (path.equals(DISCOVERY_PATH)) {
            return Optional.of(Reply.ok(discovery()));
        }
        return Optional.of(new Reply(200, "application/json; charset=utf-8", new LinkedHashMap<>(),
                key.publicJwksJson().getBytes(StandardCharsets.UTF_8)));
    }

    Map<String, Object> discovery() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("authorization_endpoint", issuer + "/oauth/authorize");
        m.put("token_endpoint", issuer + "/oauth/token");
        m.put("revocation_endpoint", issuer + "/oauth/revoke");
        m.put("introspection_endpoint", issuer + "/oauth/introspect");
        m.put("userinfo_endpoint", issuer + "/oauth/userinfo");
        m.put("jwks_uri", issuer + JWKS_PATH);
        m.put("scopes_supported", List.of("api", "read_api", "read_user", "openid", "profile", "email"));
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        m.put("grant_types_supported", List.of("authorization_code", "password", "client_credentials",
                "device_code", "refresh_token"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("subject_types_supported", List.of("public"));
        m.put("id_token_signing_alg_values_supported", List.of("RS256"));
        m.put("claim_types_supported", List.of("normal"));
        m.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "sub_legacy", "name", "nickname",
                "preferred_username", "email", "email_verified", "website", "profile", "picture", "groups",
                "groups_direct", "https://gitlab.org/claims/groups/owner", "https://gitlab.org/claims/groups/maintainer",
                "https://gitlab.org/claims/groups/developer"));
        return m;
    }
}
