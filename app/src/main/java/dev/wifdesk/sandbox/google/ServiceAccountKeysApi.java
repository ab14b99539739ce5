package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * IAM v1 service account keys (user-managed): list / get / create / delete / disable / enable, so
 * static keys can be found and retired. The "private key" a create returns is an obvious fake and
 * is never stored.
 */
final class ServiceAccountKeysApi {
    static final String HOST = WorkloadIdentityPoolsApi.HOST;
    private static final String KEYS = "v1/projects/([^/]+)/serviceAccounts/([^/:]+)/keys";
    private static final String KEY = KEYS + "/([^/:]+)";

    private final SandboxState state;
    private final Authenticator auth;
    private final Guard guard;
    private final SecureRandom random = new SecureRandom();

    ServiceAccountKeysApi(SandboxState state, Authenticator auth, Guard guard) {
        this.state = state;
        this.auth = auth;
        this.guard = guard;
    }

    List<Route> routes() {
        return List.of(
                Route.of(HOST, "GET", KEYS, "list", this::list),
                Route.of(HOST, "POST", KEYS, "create", this::create),
                Route.of(HOST, "GET", KEY, "get", this::get),
                Route.of(HOST, "DELETE", KEY, "delete", this::delete),
                Route.of(HOST, "POST", KEY + ":disable", "disable", req -> toggle(req, true)),
                Route.of(HOST, "POST", KEY + ":enable", "enable", req -> toggle(req, false)));
    }

    private ApiResponse list(ApiRequest req) {
        Identity who = auth.caller(req);
        String types = req.query("keyTypes").orElse("");
        return ApiResponse.ok(state.read(d -> {
            ObjectNode sa = account(d, who, req, "iam.serviceAccountKeys.list");
            String prefix = sa.get("name").asText() + "/keys/";
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            var array = out.putArray("keys");
            if (!types.equals("SYSTEM_MANAGED")) {
                d.keys.forEach((name, key) -> {
                    if (name.startsWith(prefix)) {
                        array.add(key.deepCopy());
                    }
                });
            }
            if (array.isEmpty()) {
                out.remove("keys");
            }
            return out;
        }));
    }

    private ApiResponse get(ApiRequest req) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.read(d -> key(d, who, req, "iam.serviceAccountKeys.get").deepCopy()));
    }

    private ApiResponse create(ApiRequest req) {
        Identity who = auth.caller(req);
        req.json();
        return ApiResponse.ok(state.write(d -> {
            ObjectNode sa = account(d, who, req, "iam.serviceAccountKeys.create");
            byte[] id = new byte[20];
            random.nextBytes(id);
            String keyId = HexFormat.of().formatHex(id);
            Instant now = state.now().truncatedTo(ChronoUnit.SECONDS);
            ObjectNode key = JsonNodeFactory.instance.objectNode();
            key.put("name", sa.get("name").asText() + "/keys/" + keyId);
            key.put("validAfterTime", now.toString());
            key.put("validBeforeTime", "9999-12-31T23:59:59Z");
            key.put("keyAlgorithm", "KEY_ALG_RSA_2048");
            key.put("keyOrigin", "GOOGLE_PROVIDED");
            key.put("keyType", "USER_MANAGED");
            d.keys.put(key.get("name").asText(), key);
            ObjectNode answer = key.deepCopy();
            answer.put("privateKeyType", "TYPE_GOOGLE_CREDENTIALS_FILE");
            String file = KeyFiles.serviceAccountKeyFile(sa, keyId);
            answer.put("privateKeyData", Base64.getEncoder().encodeToString(file.getBytes(StandardCharsets.UTF_8)));
            return answer;
        }));
    }

    private ApiResponse delete(ApiRequest req) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.write(d -> {
            ObjectNode key = key(d, who, req, "iam.serviceAccountKeys.delete");
            d.keys.remove(key.get("name").asText());
            return JsonNodeFactory.instance.objectNode();
        }));
    }

    private ApiResponse toggle(ApiRequest req, boolean disable) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.write(d -> {
            ObjectNode key = key(d, who, req, disable ? "iam.serviceAccountKeys.disable" : "iam.serviceAccountKeys.enable");
            if (disable) {
                key.put("disabled", true);
            } else {
                key.remove("disabled");
            }
            return JsonNodeFactory.instance.objectNode();
        }));
    }

    private ObjectNode account(StateData d, Identity who, ApiRequest req, String permission) {
        String projectRef = req.pathParam(0);
        String account = req.pathParam(1);
        if (!"-".equals(projectRef) && Projects.find(d, projectRef).isEmpty()) {
            throw GoogleErrors.iamPermissionDenied(permission);
        }
        if ("-".equals(projectRef) && ServiceAccountsApi.find(d, projectRef, account).isEmpty()) {
            // a missing account under projects/- is the 403, by project ID the 404 (WIRE-FORMATS)
            throw GoogleErrors.iamPermissionDenied(permission);
        }
        ObjectNode sa = ServiceAccountsApi.find(d, projectRef, account).orElseThrow(() -> GoogleErrors.notFound(
                "Service account projects/" + projectRef + "/serviceAccounts/" + account + " does not exist."));
        if (!guard.allowedOnResource(d, who, ServiceAccountsApi.projectOf(d, sa), ServiceAccountsApi.policyKey(sa),
                permission)) {
            throw GoogleErrors.iamPermissionDenied(permission);
        }
        return sa;
    }

    private ObjectNode key(StateData d, Identity who, ApiRequest req, String permission) {
        ObjectNode sa = account(d, who, req, permission);
        ObjectNode key = d.keys.get(sa.get("name").asText() + "/keys/" + req.pathParam(2));
        if (key == null) {
            throw GoogleErrors.notFound();
        }
        return key;
    }
}
