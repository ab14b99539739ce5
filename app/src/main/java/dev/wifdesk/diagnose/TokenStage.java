package dev.wifdesk.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Token shape (compact JWT, base64url, JSON objects), time (exp / nbf / iat against now) and
 * signature (nimbus, with the given JWKS or the provider's inline {@code jwksJson}). The token
 * itself never appears in a finding: only its header and claims.
 */
final class TokenStage implements DiagnosisStage {
    /** GitLab ID tokens are 1-2 KB; anything far larger is not one (and must not cost time). */
    static final int MAX_TOKEN_CHARS = 64 * 1024;
    static final long SKEW_SECONDS = 60;
    private static final Pattern COMPACT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final String JWKS_HOWTO = "curl -s ISSUER/oauth/discovery/keys > jwks.json && ";

    @Override
    public Stage stage() {
        return Stage.TOKEN;
    }

    @Override
    public StageResult run(DiagnosisContext ctx) {
        var token = ctx.input().token();
        if (token.isEmpty()) {
            if (ctx.claims().isPresent()) {
                boolean ok = checkTime(ctx);
                return ok ? StageResult.pass(Stage.TOKEN, "claims given; times valid (signature not checked without a token)")
                        : StageResult.fail(Stage.TOKEN, "claims given; the token is not valid at " + ctx.now());
            }
            return fromErrorText(ctx);
        }
        String t = token.get().strip();
        if (t.regionMatches(true, 0, "Bearer ", 0, 7)) {
            t = t.substring(7).strip();
        }
        String problem = shapeProblem(t);
        Map<String, Object> header = null;
        if (problem == null) {
            String[] parts = t.split("\\.", -1);
            try {
                header = decodeObject(parts[0], "header");
                Map<String, Object> claims = decodeObject(parts[1], "claims");
                ctx.claims(claims);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            ctx.add(FindingCode.TOKEN_MALFORMED, Severity.ERROR, "The token is not a GitLab ID token (compact JWT): " + problem + ".",
                    "Pass the value of the job's id_tokens variable (e.g. echo \"$GCP_ID_TOKEN\" > token.jwt in a debug job), "
                            + "three base64url parts separated by dots, nothing else.",
                    DiagnosisContext.evidence("length", String.valueOf(token.get().length())));
            return StageResult.fail(Stage.TOKEN, "not a compact JWT: " + problem);
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("iss", "aud", "exp", "sub")) {
            if (!ctx.claims().orElseThrow().containsKey(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            ctx.add(FindingCode.TOKEN_MALFORMED, Severity.ERROR, "The token lacks the claim(s) " + missing
                    + " that STS requires of an OIDC ID token.", "Use the token GitLab mints for the job's id_tokens entry.",
                    DiagnosisContext.evidence("missing", String.join(",", missing), "header", header.toString()));
        }
        boolean timeOk = checkTime(ctx);
        String sig = checkSignature(ctx, t, header);
        boolean ok = missing.isEmpty() && timeOk && (sig == null || sig.startsWith("signature verified"));
        String detail = "alg " + header.get("alg") + (header.get("kid") == null ? "" : ", kid " + header.get("kid"))
                + "; " + (timeOk ? "valid at " + ctx.now() : "not valid at " + ctx.now()) + "; "
                + (sig == null ? "signature not checked (no JWKS)" : sig);
        return ok ? StageResult.pass(Stage.TOKEN, detail) : StageResult.fail(Stage.TOKEN, detail);
    }

    private static String shapeProblem(String t) {
        if (t.length() > MAX_TOKEN_CHARS) {
            return "it is " + t.length() + " characters long, an ID token is a few KB";
        }
        if (t.isEmpty()) {
            return "it is empty";
        }
        long dots = t.chars().filter(c -> c == '.').count();
        if (dots == 4) {
            return "it has five parts (an encrypted JWE), STS needs a signed JWT";
        }
        if (dots != 2) {
            return "it has " + (dots + 1) + " dot-separated part(s), a JWT has three";
        }
        if (!COMPACT.matcher(t).matches()) {
            int bad = firstNonBase64Url(t);
            return "character " + (bad + 1) + " is not base64url (" + TextDiff.show(t, bad) + ")";
        }
        return null;
    }

    private static int firstNonBase64Url(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_' && c != '.') {
                return i;
            }
        }
        return 0;
    }

    private static Map<String, Object> decodeObject(String part, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " part is not valid base64url");
        }
        try {
            JsonNode node = JsonInputs.mapper().readTree(new String(bytes, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the " + what + " part is not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JsonInputs.mapper().convertValue(node, LinkedHashMap.class);
            return map;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the " + what + " part is not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** exp / nbf / iat against now with a small skew; returns false when a finding was added. */
    private static boolean checkTime(DiagnosisContext ctx) {
        Map<String, Object> claims = ctx.claims().orElseThrow();
        long now = ctx.now().getEpochSecond();
        boolean ok = true;
        Long exp = seconds(claims.get("exp"));
        if (exp != null && exp + SKEW_SECONDS < now) {
            ok = false;
            long ago = now - exp;
            ctx.add(FindingCode.TOKEN_EXPIRED, Severity.ERROR, "The token expired at " + Instant.ofEpochSecond(exp) + ", "
                            + human(ago) + " before " + ctx.now() + ". GitLab ID tokens live as long as the job timeout "
                            + "(5 minutes if none).",
                    "Exchange the token in the job that received it, right away; do not save and reuse it. If the job's "
                            + "clock is off, fix the runner's time sync (NTP).",
                    DiagnosisContext.evidence("exp", Instant.ofEpochSecond(exp).toString(), "now", ctx.now().toString()));
        }
        Long nbf = seconds(claims.get("nbf"));
        Long iat = seconds(claims.get("iat"));
        Long early = nbf != null && nbf - SKEW_SECONDS > now ? nbf : iat != null && iat - SKEW_SECONDS > now ? iat : null;
        if (early != null) {
            ok = false;
            ctx.add(FindingCode.TOKEN_NOT_YET_VALID, Severity.ERROR, "The token is valid only from "
                            + Instant.ofEpochSecond(early) + ", " + human(early - now) + " after " + ctx.now()
                            + ": a clock is wrong (the runner's or this machine's).",
                    "Fix the time sync (NTP) of the runner host; when diagnosing an old token pass --now with the time of the failure.",
                    DiagnosisContext.evidence(nbf != null && nbf == early ? "nbf" : "iat", Instant.ofEpochSecond(early).toString(),
                            "now", ctx.now().toString()));
        }
        return ok;
    }

    static Long seconds(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static String human(long seconds) {
        long s = Math.abs(seconds);
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        if (s < 172800) {
            return (s / 3600) + " h";
        }
        return (s / 86400) + " days";
    }

    /** Null when no JWKS is available; otherwise a detail ("signature verified ..." on success). */
    private static String checkSignature(DiagnosisContext ctx, String token, Map<String, Object> header) {
        boolean inline = ctx.input().jwksJson().isEmpty();
        String jwks = ctx.input().jwksJson().orElseGet(() -> ctx.provider().map(ProviderInfo::jwksJson).orElse(null));
        if (jwks == null || jwks.isBlank()) {
            return null;
        }
        String source = inline ? "the provider's inline jwksJson" : "the given JWKS";
        String refresh = Fixes.updateProvider(ctx.providerRef().orElse(null), "--jwk-json-path=jwks.json");
        String refreshFix = inline ? "Refresh the provider's inline JWKS from the issuer: "
                + JWKS_HOWTO.replace("ISSUER", ctx.issuer().orElse("ISSUER")) + refresh
                : "Check that the token comes from the issuer whose keys you gave (" + ctx.issuer().orElse("iss") + ").";
        JWKSet set;
        try {
            set = JWKSet.parse(jwks);
        } catch (Exception e) {
            ctx.add(FindingCode.TOKEN_KEY_NOT_FOUND, Severity.ERROR, "The JWKS (" + source + ") cannot be read: "
                    + e.getMessage(), refreshFix, DiagnosisContext.evidence("jwks", source));
            return "JWKS unreadable";
        }
        Object kid = header.get("kid");
        JWK key = kid != null ? set.getKeyByKeyId(String.valueOf(kid)) : set.getKeys().size() == 1 ? set.getKeys().get(0) : null;
        if (key == null) {
            List<String> kids = set.getKeys().stream().map(k -> String.valueOf(k.getKeyID())).toList();
            ctx.add(FindingCode.TOKEN_KEY_NOT_FOUND, Severity.ERROR, "The token was signed with key id '" + kid
                            + "', which is not in " + source + " (it has " + kids + "). The issuer rotated its keys or the "
                            + "JWKS belongs to another issuer.", refreshFix,
                    DiagnosisContext.evidence("kid", String.valueOf(kid), "jwksKids", String.join(",", kids), "jwks", source));
            return "key " + kid + " not in the JWKS";
        }
        try {
            JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa)
                    : key instanceof ECKey ec ? new ECDSAVerifier(ec) : null;
            if (verifier == null) {
                throw new IllegalStateException("key type " + key.getKeyType() + " is not RSA or EC");
            }
            if (SignedJWT.parse(token).verify(verifier)) {
                return "signature verified with key " + key.getKeyID();
            }
        } catch (Exception e) {
            // falls through: any failure to verify is an invalid signature for STS too
        }
        ctx.add(FindingCode.TOKEN_SIGNATURE_INVALID, Severity.ERROR, "The token's signature does not verify with key '"
                        + key.getKeyID() + "' of " + source + ": the key changed (rotation) or the token was altered.", refreshFix,
                DiagnosisContext.evidence("kid", String.valueOf(kid), "alg", String.valueOf(header.get("alg")), "jwks", source));
        return "signature does NOT verify";
    }

    /** No token and no claims: an error text can still say the token was stale or unverifiable. */
    private static StageResult fromErrorText(DiagnosisContext ctx) {
        var stale = ctx.errorMatch(KnownError.TOKEN_STALE);
        if (stale.isPresent()) {
            Long iat = seconds(stale.get().value("iat"));
            String when = iat == null ? "?" : Instant.ofEpochSecond(iat) + " (" + human(ctx.now().getEpochSecond() - iat)
                    + " before " + ctx.now() + ")";
            ctx.add(FindingCode.TOKEN_EXPIRED, Severity.ERROR, "STS says the token issued at " + when
                            + " is stale: it expired before the exchange, or the runner's clock is off.",
                    "Exchange the token in the job that received it, right away (GitLab ID tokens live as long as the job "
                            + "timeout, 5 minutes if none); fix the runner's time sync (NTP).",
                    DiagnosisContext.evidence("catalogue", "#5", "iat", stale.get().value("iat")));
            return StageResult.fail(Stage.TOKEN, "error text: token issued at " + when + " is stale");
        }
        boolean inline = ctx.provider().map(ProviderInfo::jwksJson).filter(j -> !j.isBlank()).isPresent();
        String refresh = JWKS_HOWTO.replace("ISSUER", ctx.provider().map(ProviderInfo::issuerUri).orElse("ISSUER"))
                + Fixes.updateProvider(ctx.providerRef().orElse(null), "--jwk-json-path=jwks.json");
        if (ctx.errorSays(KnownError.SIGNATURE_INVALID)) {
            ctx.add(FindingCode.TOKEN_SIGNATURE_INVALID, Severity.ERROR, "STS could not verify the token's signature"
                            + (inline ? ": the provider's inline jwksJson no longer holds the issuer's current keys."
                            : ": the token was signed by a key the issuer does not publish (another instance, or rotated)."),
                    inline ? "Refresh the inline JWKS: " + refresh
                            : "Make sure the job's token comes from the provider's issuer; if the issuer is private, upload its JWKS: " + refresh,
                    DiagnosisContext.evidence("catalogue", "#6"));
            return StageResult.fail(Stage.TOKEN, "error text: signature does not verify");
        }
        if (ctx.errorSays(KnownError.ISSUER_UNREACHABLE)) {
            String msg = inline
                    ? "STS could not find the token's signing key (kid) in the provider's inline jwksJson: the issuer rotated its keys."
                    : "STS could not reach the issuer's discovery document or JWKS (/.well-known/openid-configuration, "
                    + "/oauth/discovery/keys): typical for a self-managed GitLab that is not reachable from the internet; "
                    + "or the token's key id is not published.";
            ctx.add(FindingCode.TOKEN_KEY_NOT_FOUND, Severity.ERROR, msg, inline ? "Refresh the inline JWKS: " + refresh
                    : "Upload the issuer's JWKS to the provider so STS needs no connection: " + refresh,
                    DiagnosisContext.evidence("catalogue", "#7"));
            return StageResult.fail(Stage.TOKEN, "error text: issuer keys unavailable");
        }
        return StageResult.skipped(Stage.TOKEN, "no token or claims given");
    }
}
