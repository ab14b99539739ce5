package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wifdesk.model.ErrorTexts;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IAM Credentials {@code generateAccessToken}: a caller (typically a federated STS token) gets a
 * service account's access token when one of its principals holds
 * {@code roles/iam.workloadIdentityUser} or {@code roles/iam.serviceAccountTokenCreator} on the
 * account (or the project); else 403 (catalogue #12). Lifetime is capped at 3600 s (#20).
 * {@code expireTime} has no fractional seconds: the Java client parses it with
 * {@code yyyy-MM-dd'T'HH:mm:ssX}.
 */
final class IamCredentialsApi {
    static final String HOST = "iamcredentials.googleapis.com";
    static final long MAX_LIFETIME_SECONDS = 3600;
    private static final String PERMISSION = "iam.serviceAccounts.getAccessToken";
    private static final Pattern DURATION = Pattern.compile("(\\d+)(\\.\\d+)?s");
    private static final DateTimeFormatter EXPIRE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final SandboxState state;
    private final Authenticator auth;
    private final Guard guard;
    private final TokenStore tokens;

    IamCredentialsApi(SandboxState state, Authenticator auth, Guard guard, TokenStore tokens) {
        this.state = state;
        this.auth = auth;
        this.guard = guard;
        this.tokens = tokens;
    }

    List<Route> routes() {
        return List.of(Route.of(HOST, "POST", "v1/projects/([^/]+)/serviceAccounts/([^/:]+):generateAccessToken",
                "generateAccessToken", this::generateAccessToken));
    }

    private ApiResponse generateAccessToken(ApiRequest req) {
        Identity who = auth.anyCaller(req);
        state.read(d -> {
            requireEnabled(d, who, ServiceAccountsApi.find(d, req.pathParam(0), req.pathParam(1)).orElse(null));
            return null;
        });
        ObjectNode body = req.json();
        long lifetime = lifetime(body.get("lifetime"));
        JsonNode scope = body.get("scope");
        if (scope == null || !scope.isArray() || scope.isEmpty()) {
            throw GoogleErrors.invalidArgument("Scope required.");
        }
        String email = state.read(d -> {
            Optional<ObjectNode> sa = ServiceAccountsApi.find(d, req.pathParam(0), req.pathParam(1));
            if (sa.isEmpty() || sa.get().path("disabled").asBoolean()) {
                throw GoogleErrors.iamPermissionDenied(PERMISSION);
            }
            ObjectNode project = ServiceAccountsApi.projectOf(d, sa.get());
            if (!guard.allowedOnResource(d, who, project, ServiceAccountsApi.policyKey(sa.get()), PERMISSION)) {
                throw GoogleErrors.iamPermissionDenied(PERMISSION);
            }
            return sa.get().get("email").asText();
        });
        Instant now = state.now();
        Instant expires = now.plusSeconds(lifetime);
        String token = tokens.issue("sandbox-sa-", Identity.serviceAccount(email, expires), now);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("accessToken", token);
        out.put("expireTime", EXPIRE_TIME.format(expires));
        return ApiResponse.ok(out);
    }

    /**
     * This API must be on in the consumer project: a federated caller's pool project, else the service
     * account's (catalogue #28). Before the body is judged.
     */
    private static void requireEnabled(StateData d, Identity who, ObjectNode account) {
        Optional<ObjectNode> consumer = who.kind() == Identity.Kind.FEDERATED
                ? dev.wifdesk.model.ResourceNames.parsePool(who.poolName()).flatMap(pool -> Projects.find(d, pool[0]))
                : Optional.ofNullable(account).map(a -> ServiceAccountsApi.projectOf(d, a));
        consumer.ifPresent(p -> ServiceGate.requireEnabled(d, p, HOST));
    }

    private static long lifetime(JsonNode node) {
        if (node == null || node.isNull() || node.asText().isEmpty()) {
            return MAX_LIFETIME_SECONDS;
        }
        Matcher m = DURATION.matcher(node.asText());
        if (!m.matches()) {
            throw GoogleErrors.invalidArgument("Invalid value for \"lifetime\": \"" + node.asText()
                    + "\" is not a duration such as \"3600s\".");
        }
        // more digits than a long holds is still just "too long", not a NumberFormatException (500)
        long seconds = m.group(1).length() > 18 ? Long.MAX_VALUE : Long.parseLong(m.group(1));
        if (seconds > MAX_LIFETIME_SECONDS || (seconds == MAX_LIFETIME_SECONDS && m.group(2) != null
                && !m.group(2).matches("\\.0*"))) {
            throw GoogleErrors.invalidArgument(ErrorTexts.LIFETIME_TOO_LONG);
        }
        if (seconds < 1) {
            throw GoogleErrors.invalidArgument("Invalid value for \"lifetime\": it must be at least 1 second.");
        }
        return seconds;
    }
}
