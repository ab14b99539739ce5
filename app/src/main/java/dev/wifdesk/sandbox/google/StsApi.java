package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.wifdesk.cel.ConditionResult;
import dev.wifdesk.cel.FederationEvaluator;
import dev.wifdesk.cel.MappingResult;
import dev.wifdesk.model.CiContract;
import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.model.PrincipalIdentifier;
import dev.wifdesk.model.ResourceNames;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * STS {@code POST v1/token}: the OAuth 2.0 token exchange of an OIDC ID token for a federated
 * access token, judged like Google judges it, in this order:
 * <ol>
 * <li>form fields (invalid_request); the audience must be a full provider name (#9, invalid_request);</li>
 * <li>the provider and its pool must exist, be enabled and not deleted, and the audience must use the
 *     project NUMBER (#8, invalid_target);</li>
 * <li>the token's {@code iss} must equal the provider's issuer (#3; #4 when {@code iss} is not even
 *     an https issuer), invalid_grant;</li>
 * <li>signature against the inline {@code oidc.jwksJson} (unknown key or bad signature: #6) or the
 *     issuer's discovered JWKS (unreachable issuer or unknown key id: #7; bad signature: #6);</li>
 * <li>{@code aud} against allowedAudiences, or the provider's default audiences (#1), then
 *     {@code exp} (#5), all invalid_grant;</li>
 * <li>attribute mapping through {@link FederationEvaluator} (#10, #11, invalid_request) and the
 *     attribute condition (#2, unauthorized_client).</li>
 * </ol>
 * The federated token remembers its principal and principalSets for IAM Credentials.
 */
final class StsApi {
    static final String HOST = "sts.googleapis.com";
    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    static final Set<String> SUBJECT_TOKEN_TYPES = Set.of(CiContract.JWT_TOKEN_TYPE,
            "urn:ietf:params:oauth:token-type:id_token");
    static final long MAX_LIFETIME_SECONDS = 3600;
    /** STS follows catalogue #9 with this sentence (google-github-actions/auth#60 and #211 quote the whole answer). */
    static final String AUDIENCE_FORMATS_HINT =
            " See https://cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token for the list of possible formats.";

    /** An STS refusal: {@code {"error":CODE,"error_description":TEXT}} with HTTP 400. */
    static final class StsError extends RuntimeException {
        final String code;

        StsError(String code, String description) {
            super(description, null, false, false);
            this.code = code;
        }
    }

    private record Target(String providerName, String poolName, JsonNode provider) {
    }

    private final SandboxState state;
    private final TokenStore tokens;
    private final IssuerKeys issuerKeys;
    private final FederationEvaluator evaluator;

    StsApi(SandboxState state, TokenStore tokens, IssuerKeys issuerKeys, FederationEvaluator evaluator) {
        this.state = state;
        this.tokens = tokens;
        this.issuerKeys = issuerKeys;
        this.evaluator = evaluator;
    }

    List<Route> routes() {
        return List.of(Route.of(HOST, "POST", "v1/token", "token", this::token),
                Route.of(HOST, "POST", "v1beta/token", "token", this::token));
    }

    private ApiResponse token(ApiRequest req) {
        try {
            return ApiResponse.ok(exchange(fields(req)));
        } catch (StsError e) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("error", e.code);
            body.put("error_description", e.getMessage());
            return new ApiResponse(400, body);
        }
    }

    private ObjectNode exchange(Map<String, String> form) {
        require(form, "grant_type", Set.of(TOKEN_EXCHANGE));
        require(form, "requested_token_type", Set.of(ACCESS_TOKEN_TYPE));
        require(form, "subject_token_type", SUBJECT_TOKEN_TYPES);
        String subjectToken = form.getOrDefault("subject_token", "");
        if (subjectToken.isBlank()) {
            throw new StsError("invalid_request", "Missing required parameter: subject_token.");
        }
        Target target = target(form.getOrDefault("audience", ""));
        JsonNode oidc = target.provider().path("oidc");
        String expectedIssuer = oidc.path("issuerUri").asText();

        SignedJWT jwt;
        Map<String, Object> claims;
        try {
            jwt = SignedJWT.parse(subjectToken.trim());
            claims = jwt.getJWTClaimsSet().toJSONObject();
        } catch (ParseException e) {
            throw new StsError("invalid_grant", "Unable to parse the ID Token.");
        }
        String iss = claims.get("iss") instanceof String s ? s : "";
        if (!iss.equals(expectedIssuer)) {
            if (!iss.startsWith("https://")) {
                throw new StsError("invalid_grant", ErrorTexts.issuerNotFound(iss));
            }
            throw new StsError("invalid_grant", ErrorTexts.issuerMismatch(iss, expectedIssuer));
        }
        verifySignature(jwt, oidc, expectedIssuer);
        checkAudience(claims, oidc, target.providerName());
        Instant now = state.now();
        long iat = claims.get("iat") instanceof Number n ? n.longValue() : 0L;
        long exp = claims.get("exp") instanceof Number n ? n.longValue() : 0L;
        if (exp <= now.getEpochSecond()) {
            throw new StsError("invalid_grant", ErrorTexts.tokenStale(iat));
        }

        Map<String, String> mapping = stringMap(target.provider().path("attributeMapping"));
        MappingResult mapped = evaluator.map(mapping, claims);
        mapped.firstFatal().ifPresent(StsApi::mappingFailure);
        ConditionResult condition = evaluator.condition(target.provider().path("attributeCondition").asText(""),
                claims, mapped);
        if (!condition.allowed()) {
            throw new StsError("unauthorized_client", ErrorTexts.CONDITION_REJECTED);
        }

        long lifetime = Math.min(exp - now.getEpochSecond(), MAX_LIFETIME_SECONDS);
        String[] pool = ResourceNames.parsePool(target.poolName()).orElseThrow();
        Identity identity = Identity.federated(
                PrincipalIdentifier.subject(pool[0], pool[1], mapped.subject().orElseThrow()).format(),
                principalSets(pool[0], pool[1], mapped), target.poolName(), now.plusSeconds(lifetime));
        String token = tokens.issue("sandbox-sts-", identity, now);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("access_token", token);
        out.put("issued_token_type", ACCESS_TOKEN_TYPE);
        out.put("token_type", "Bearer");
        out.put("expires_in", lifetime);
        return out;
    }

    /**
     * The request fields: a form (what google-auth-library sends) or a JSON body with the proto's
     * camelCase names ({@code grantType}, {@code subjectToken}...), both accepted by Google.
     */
    private static Map<String, String> fields(ApiRequest req) {
        boolean json = req.contentType().map(t -> t.toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))
                .orElse(false);
        if (!json) {
            return req.form();
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        req.json().fields().forEachRemaining(e -> out.put(
                e.getKey().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT), e.getValue().asText()));
        return out;
    }

    private static void require(Map<String, String> form, String field, Set<String> allowed) {
        String value = form.get(field);
        if (value == null || value.isBlank()) {
            throw new StsError("invalid_request", "Missing required parameter: " + field + ".");
        }
        if (!allowed.contains(value)) {
            throw new StsError("invalid_request", "Invalid value for \"" + field + "\": " + value + ".");
        }
    }

    private Target target(String audience) {
        if (!audience.startsWith(ResourceNames.IAM_PREFIX)) {
            throw new StsError("invalid_request", ErrorTexts.INVALID_AUDIENCE_PARAMETER + AUDIENCE_FORMATS_HINT);
        }
        ResourceNames.ProviderRef ref = ResourceNames.parseProvider(audience)
                .orElseThrow(() -> new StsError("invalid_request",
                        ErrorTexts.INVALID_AUDIENCE_PARAMETER + AUDIENCE_FORMATS_HINT));
        if (!ResourceNames.isProjectNumber(ref.project())) {
            throw new StsError("invalid_target", ErrorTexts.INVALID_TARGET);
        }
        return state.read(d -> {
            // STS must be on in the audience's project (catalogue #28, Google's error envelope, not OAuth's)
            Projects.find(d, ref.project()).ifPresent(p -> ServiceGate.requireEnabled(d, p, HOST));
            ObjectNode pool = d.pools.get(ref.poolName());
            ObjectNode provider = d.providers.get(ref.name());
            if (pool == null || provider == null || SoftDelete.isDeleted(pool) || SoftDelete.isDeleted(provider)
                    || pool.path("disabled").asBoolean() || provider.path("disabled").asBoolean()) {
                throw new StsError("invalid_target", ErrorTexts.INVALID_TARGET);
            }
            return new Target(ref.name(), ref.poolName(), provider.deepCopy());
        });
    }

    private void verifySignature(SignedJWT jwt, JsonNode oidc, String issuer) {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        String kid = jwt.getHeader().getKeyID();
        String inline = oidc.path("jwksJson").asText("");
        if (!inline.isEmpty()) {
            JWKSet set;
            try {
                set = JWKSet.parse(inline);
            } catch (ParseException e) {
                throw new StsError("invalid_grant", ErrorTexts.SIGNATURE_INVALID);
            }
            if (!verifies(jwt, alg, candidates(set, kid))) {
                throw new StsError("invalid_grant", ErrorTexts.SIGNATURE_INVALID);
            }
            return;
        }
        try {
            List<JWK> keys = candidates(issuerKeys.keys(issuer, false), kid);
            if (keys.isEmpty()) {
                keys = candidates(issuerKeys.keys(issuer, true), kid);
            }
            if (keys.isEmpty()) {
                throw new StsError("invalid_grant", ErrorTexts.ISSUER_UNREACHABLE);
            }
            if (!verifies(jwt, alg, keys)) {
                throw new StsError("invalid_grant", ErrorTexts.SIGNATURE_INVALID);
            }
        } catch (IssuerKeys.Unreachable e) {
            throw new StsError("invalid_grant", ErrorTexts.ISSUER_UNREACHABLE);
        }
    }

    private static List<JWK> candidates(JWKSet set, String kid) {
        List<JWK> out = new ArrayList<>();
        for (JWK k : set.getKeys()) {
            if (kid == null || kid.equals(k.getKeyID())) {
                out.add(k);
            }
        }
        return out;
    }

    private static boolean verifies(SignedJWT jwt, JWSAlgorithm alg, List<JWK> keys) {
        for (JWK key : keys) {
            try {
                JWSVerifier verifier;
                if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(alg)) {
                    verifier = new RSASSAVerifier(rsa);
                } else if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)) {
                    verifier = new ECDSAVerifier(ec);
                } else {
                    continue;
                }
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // a key that cannot verify this token is simply not the right key
            }
        }
        return false;
    }

    private static void checkAudience(Map<String, Object> claims, JsonNode oidc, String providerName) {
        List<String> tokenAud = new ArrayList<>();
        Object aud = claims.get("aud");
        if (aud instanceof String s) {
            tokenAud.add(s);
        } else if (aud instanceof Collection<?> c) {
            c.forEach(a -> tokenAud.add(String.valueOf(a)));
        }
        List<String> allowed = new ArrayList<>();
        oidc.path("allowedAudiences").forEach(a -> allowed.add(a.asText()));
        if (allowed.isEmpty()) {
            allowed.addAll(ResourceNames.defaultAudiences(providerName));
        }
        if (tokenAud.stream().noneMatch(allowed::contains)) {
            throw new StsError("invalid_grant", ErrorTexts.audienceMismatch(String.join(",", tokenAud)));
        }
    }

    private static void mappingFailure(MappingResult.Problem p) {
        switch (p.kind()) {
            case SUBJECT_TOO_LONG -> throw new StsError("invalid_request", ErrorTexts.SUBJECT_TOO_LONG);
            case SUBJECT_NOT_STRING -> throw new StsError("invalid_request", ErrorTexts.SUBJECT_NOT_STRING);
            case MISSING_SUBJECT -> throw new StsError("invalid_request",
                    "The attribute mapping of the provider does not map google.subject.");
            default -> throw new StsError("invalid_request",
                    "The mapped attribute " + p.key() + " could not be computed from the ID Token: " + p.detail());
        }
    }

    /** attribute.NAME/VALUE for every mapped attribute (each element of a list), group/G, and *. */
    private static Set<String> principalSets(String project, String poolId, MappingResult mapped) {
        Set<String> sets = new LinkedHashSet<>();
        mapped.attribute().forEach((name, value) -> {
            for (Object v : value instanceof Collection<?> c ? c : List.of(value)) {
                if (v != null) {
                    sets.add(PrincipalIdentifier.attribute(project, poolId, name, String.valueOf(v)).format());
                }
            }
        });
        Object groups = mapped.google().get("groups");
        if (groups != null) {
            for (Object g : groups instanceof Collection<?> c ? c : List.of(groups)) {
                sets.add(PrincipalIdentifier.group(project, poolId, String.valueOf(g)).format());
            }
        }
        sets.add(PrincipalIdentifier.all(project, poolId).format());
        return sets;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
