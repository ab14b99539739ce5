package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.wifdesk.cel.CelCompileException;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cel.CompiledExpression;
import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.model.Issuers;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What IAM checks on an OIDC provider before accepting it (WIF-FACTS limits): mapping keys and
 * sizes, CEL that compiles, a condition that reads the token's claims (catalogue #15), an https
 * issuer (#17), audience limits and an inline JWKS of RSA or EC keys.
 */
final class ProviderRules {
    static final int MAX_CUSTOM_ATTRIBUTES = 50;
    static final int MAX_EXPRESSION = 2048;
    static final int MAX_CONDITION = 4096;
    static final int MAX_AUDIENCES = 10;
    static final int MAX_AUDIENCE_LENGTH = 256;
    /** Issuers shared by many tenants: Google requires a condition for them. */
    private static final Pattern CUSTOM_KEY = Pattern.compile("attribute\\.[a-z0-9_]{1,100}");
    private static final Set<String> GOOGLE_KEYS = Set.of("google.subject", "google.groups", "google.display_name",
            "google.profile_photo", "google.posix_username");

    private final CelEngine cel;

    ProviderRules(CelEngine cel) {
        this.cel = cel;
    }

    /** Checks a complete provider (after create or after a patch was applied). */
    void validate(ObjectNode provider) {
        IdRules.texts(provider);
        JsonNode oidc = provider.get("oidc");
        if (provider.has("aws") || provider.has("saml") || provider.has("x509")) {
            throw GoogleErrors.invalidArgument("The sandbox supports OIDC providers only: set \"oidc\".");
        }
        if (oidc == null || !oidc.isObject()) {
            throw GoogleErrors.invalidArgument("Exactly one of the provider types must be set: \"oidc\" is missing.");
        }
        String issuer = issuer(oidc);
        audiences(oidc);
        jwks(oidc);
        mapping(provider.get("attributeMapping"));
        condition(provider.get("attributeCondition"), issuer);
    }

    private static String issuer(JsonNode oidc) {
        String issuer = oidc.path("issuerUri").asText("");
        if (issuer.isEmpty()) {
            throw GoogleErrors.invalidArgument("Required field \"oidc.issuerUri\" is missing.");
        }
        URI uri;
        try {
            uri = URI.create(issuer);
        } catch (IllegalArgumentException e) {
            throw GoogleErrors.invalidArgument("Invalid value for \"oidc.issuerUri\": it is not a URI.");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw GoogleErrors.invalidArgument(ErrorTexts.ISSUER_NOT_HTTPS);
        }
        if (uri.getHost() == null) {
            throw GoogleErrors.invalidArgument("Invalid value for \"oidc.issuerUri\": it has no host.");
        }
        return issuer;
    }

    private static void audiences(JsonNode oidc) {
        JsonNode aud = oidc.get("allowedAudiences");
        if (aud == null || aud.isNull()) {
            return;
        }
        if (!aud.isArray()) {
            throw GoogleErrors.invalidArgument("Invalid value for \"oidc.allowedAudiences\": it must be a list of strings.");
        }
        if (aud.size() > MAX_AUDIENCES) {
            throw GoogleErrors.invalidArgument("Invalid value for \"oidc.allowedAudiences\": at most " + MAX_AUDIENCES
                    + " audiences are allowed, got " + aud.size() + ".");
        }
        for (JsonNode a : aud) {
            if (!a.isTextual() || a.asText().isEmpty() || a.asText().length() > MAX_AUDIENCE_LENGTH) {
                throw GoogleErrors.invalidArgument("Invalid value for \"oidc.allowedAudiences\": each audience must be "
                        + "a non-empty string of at most " + MAX_AUDIENCE_LENGTH + " characters.");
            }
        }
    }

    private static void jwks(JsonNode oidc) {
        String json = oidc.path("jwksJson").asText("");
        if (json.isEmpty()) {
            return;
        }
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (java.text.ParseException e) {
            throw GoogleErrors.invalidArgument("Invalid value for \"oidc.jwksJson\": it is not a JSON Web Key Set.");
        }
        if (set.getKeys().isEmpty()) {
            throw GoogleErrors.invalidArgument("Invalid value for \"oidc.jwksJson\": the key set has no keys.");
        }
        for (JWK k : set.getKeys()) {
            if (!(k instanceof RSAKey) && !(k instanceof ECKey)) {
                throw GoogleErrors.invalidArgument("Invalid value for \"oidc.jwksJson\": only RSA and EC keys are supported.");
            }
            if (k.isPrivate()) {
                throw GoogleErrors.invalidArgument("Invalid value for \"oidc.jwksJson\": it must hold public keys only.");
            }
        }
    }

    private void mapping(JsonNode mapping) {
        if (mapping == null || !mapping.isObject() || !mapping.has("google.subject")) {
            throw GoogleErrors.invalidArgument("Invalid value for \"attributeMapping\": \"google.subject\" must be "
                    + "mapped for OIDC providers.");
        }
        int custom = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (CUSTOM_KEY.matcher(key).matches()) {
                custom++;
            } else if (!GOOGLE_KEYS.contains(key)) {
                throw GoogleErrors.invalidArgument("Invalid value for \"attributeMapping\": key \"" + key
                        + "\" must be google.subject, google.groups or attribute.NAME with NAME of [a-z0-9_]{1,100}.");
            }
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                throw GoogleErrors.invalidArgument("Invalid value for \"attributeMapping\": the expression of \"" + key
                        + "\" must be a non-empty string.");
            }
            String expr = e.getValue().asText();
            if (expr.length() > MAX_EXPRESSION) {
                throw GoogleErrors.invalidArgument("Invalid value for \"attributeMapping\": the expression of \"" + key
                        + "\" is " + expr.length() + " characters, the limit is " + MAX_EXPRESSION + ".");
            }
            compile("attributeMapping[\"" + key + "\"]", expr);
        }
        if (custom > MAX_CUSTOM_ATTRIBUTES) {
            throw GoogleErrors.invalidArgument("Invalid value for \"attributeMapping\": at most " + MAX_CUSTOM_ATTRIBUTES
                    + " custom attributes are allowed, got " + custom + ".");
        }
    }

    private void condition(JsonNode node, String issuer) {
        String condition = node == null || node.isNull() ? "" : node.asText("");
        if (condition.isBlank()) {
            if (Issuers.isWellKnownMultiTenant(issuer)) {
                throw GoogleErrors.invalidArgument(ErrorTexts.CONDITION_MUST_REFERENCE_CLAIMS);
            }
            return;
        }
        if (condition.length() > MAX_CONDITION) {
            throw GoogleErrors.invalidArgument("Invalid value for \"attributeCondition\": it is " + condition.length()
                    + " characters, the limit is " + MAX_CONDITION + ".");
        }
        CompiledExpression expr = compile("attributeCondition", condition);
        boolean readsClaims = !CelEngine.referencedKeys(expr, CelEngine.ASSERTION).isEmpty()
                || !CelEngine.referencedKeys(expr, CelEngine.ATTRIBUTE).isEmpty()
                || !CelEngine.referencedKeys(expr, CelEngine.GOOGLE).isEmpty();
        if (!readsClaims) {
            throw GoogleErrors.invalidArgument(ErrorTexts.CONDITION_MUST_REFERENCE_CLAIMS);
        }
    }

    private CompiledExpression compile(String field, String expression) {
        try {
            return cel.compile(expression);
        } catch (CelCompileException e) {
            throw GoogleErrors.invalidArgument("Invalid value for \"" + field + "\": the CEL expression does not compile: "
                    + e.getMessage());
        }
    }
}
