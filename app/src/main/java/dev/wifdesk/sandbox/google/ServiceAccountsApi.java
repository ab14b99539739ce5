package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * IAM v1 service accounts: get / list / create / delete and their IAM policies
 * (getIamPolicy / setIamPolicy with etags). Texts of the 404 and 409 are Google's.
 */
final class ServiceAccountsApi {
    static final String HOST = WorkloadIdentityPoolsApi.HOST;
    private static final String ACCOUNTS = "v1/projects/([^/]+)/serviceAccounts";
    private static final String ACCOUNT = ACCOUNTS + "/([^/:]+)";
    private static final int SA_DISPLAY_NAME_MAX = 100;

    private final SandboxState state;
    private final Authenticator auth;
    private final Guard guard;
    private final IamPolicies policies;
    private final FaultPlan faults;
    private final SecureRandom random = new SecureRandom();

    ServiceAccountsApi(SandboxState state, Authenticator auth, Guard guard, IamPolicies policies, FaultPlan faults) {
        this.state = state;
        this.auth = auth;
        this.guard = guard;
        this.policies = policies;
        this.faults = faults;
    }

    List<Route> routes() {
        return List.of(
                Route.of(HOST, "GET", ACCOUNTS, "list", this::list),
                Route.of(HOST, "POST", ACCOUNTS, "create", this::create),
                Route.of(HOST, "GET", ACCOUNT, "get", this::get),
                Route.of(HOST, "DELETE", ACCOUNT, "delete", this::delete),
                Route.of(HOST, "POST", ACCOUNT + ":getIamPolicy", "getIamPolicy", this::getIamPolicy),
                Route.of(HOST, "POST", ACCOUNT + ":setIamPolicy", "setIamPolicy", this::setIamPolicy),
                Route.of(HOST, "POST", ACCOUNT + ":testIamPermissions", "testIamPermissions", this::testIamPermissions));
    }

    /** The service account named by email or unique id, in project {@code projectRef} ({@code -} = any). */
    static Optional<ObjectNode> find(StateData d, String projectRef, String emailOrId) {
        ObjectNode sa = d.serviceAccounts.get(emailOrId);
        if (sa == null) {
            sa = d.serviceAccounts.values().stream()
                    .filter(a -> emailOrId.equals(a.path("uniqueId").asText())).findFirst().orElse(null);
        }
        if (sa == null) {
            return Optional.empty();
        }
        if (!"-".equals(projectRef)) {
            String saProject = sa.path("projectId").asText();
            boolean sameProject = Projects.find(d, projectRef).map(p -> Projects.id(p).equals(saProject)).orElse(false);
            if (!sameProject) {
                return Optional.empty();
            }
        }
        return Optional.of(sa);
    }

    static String policyKey(ObjectNode sa) {
        return sa.get("name").asText();
    }

    static ObjectNode projectOf(StateData d, ObjectNode sa) {
        return Projects.find(d, sa.path("projectId").asText()).orElseThrow(GoogleErrors::internal);
    }

    private ApiResponse get(ApiRequest req) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.read(d -> existing(d, who, req, "iam.serviceAccounts.get").deepCopy()));
    }

    private ApiResponse list(ApiRequest req) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.read(d -> {
            ObjectNode project = guard.iamProject(d, who, req.pathParam(0), "iam.serviceAccounts.list");
            List<ObjectNode> accounts = d.serviceAccounts.values().stream()
                    .filter(a -> Projects.id(project).equals(a.path("projectId").asText())).toList();
            return Paging.page(accounts, req, "accounts");
        }));
    }

    private ApiResponse create(ApiRequest req) {
        Identity who = auth.caller(req);
        // authorization before validation (AIP-211): the permission first, then the request's content
        state.read(d -> guard.iamProject(d, who, req.pathParam(0), "iam.serviceAccounts.create"));
        ObjectNode body = req.json();
        String accountId = IdRules.accountId(body.path("accountId").asText(null));
        JsonNode details = body.path("serviceAccount");
        // service accounts allow longer display names (100) than pools and providers (32)
        if (details.path("displayName").asText("").length() > SA_DISPLAY_NAME_MAX) {
            throw GoogleErrors.invalidArgument("Invalid value for \"serviceAccount.displayName\": at most "
                    + SA_DISPLAY_NAME_MAX + " characters are allowed.");
        }
        if (details.path("description").asText("").length() > IdRules.DESCRIPTION_MAX) {
            throw GoogleErrors.invalidArgument("Invalid value for \"serviceAccount.description\": at most "
                    + IdRules.DESCRIPTION_MAX + " characters are allowed.");
        }
        return ApiResponse.ok(state.write(d -> {
            ObjectNode project = guard.iamProject(d, who, req.pathParam(0), "iam.serviceAccounts.create");
            String projectId = Projects.id(project);
            String email = accountId + "@" + projectId + ".iam.gserviceaccount.com";
            if (d.serviceAccounts.containsKey(email)) {
                throw GoogleErrors.alreadyExists("Service account " + accountId + " already exists within project projects/"
                        + projectId + ".", "projects/" + projectId + "/serviceAccounts/" + email);
            }
            String uniqueId = uniqueId();
            ObjectNode sa = JsonNodeFactory.instance.objectNode();
            sa.put("name", "projects/" + projectId + "/serviceAccounts/" + email);
            sa.put("projectId", projectId);
            sa.put("uniqueId", uniqueId);
            sa.put("email", email);
            SoftDelete.copyField(sa, details, "displayName");
            SoftDelete.copyField(sa, details, "description");
            sa.put("etag", "MDEwMjE5MjA=");
            sa.put("oauth2ClientId", uniqueId);
            d.serviceAccounts.put(email, sa);
            return sa.deepCopy();
        }));
    }

    private ApiResponse delete(ApiRequest req) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.write(d -> {
            ObjectNode sa = existing(d, who, req, "iam.serviceAccounts.delete");
            d.serviceAccounts.remove(sa.get("email").asText());
            d.policies.remove(policyKey(sa));
            d.keys.keySet().removeIf(k -> k.startsWith(policyKey(sa) + "/keys/"));
            return JsonNodeFactory.instance.objectNode();
        }));
    }

    private ApiResponse getIamPolicy(ApiRequest req) {
        Identity who = auth.caller(req);
        int version = IamPolicies.requestedVersion(req, req.json());
        return ApiResponse.ok(state.read(d -> IamPolicies.view(IamPolicies.get(d, policyKey(existing(d, who, req,
                "iam.serviceAccounts.getIamPolicy"))), version)));
    }

    private ApiResponse setIamPolicy(ApiRequest req) {
        Identity who = auth.caller(req);
        ObjectNode body = req.json();
        return ApiResponse.ok(state.write(d -> {
            ObjectNode sa = existing(d, who, req, "iam.serviceAccounts.setIamPolicy");
            return policies.set(d, policyKey(sa), body, faults.concurrentEdit(HOST, "setIamPolicy"));
        }));
    }

    private ApiResponse testIamPermissions(ApiRequest req) {
        Identity who = auth.caller(req);
        ObjectNode body = req.json();
        return ApiResponse.ok(state.read(d -> {
            ObjectNode sa = find(d, req.pathParam(0), req.pathParam(1)).orElseThrow(() -> GoogleErrors.notFound(
                    "Service account projects/" + req.pathParam(0) + "/serviceAccounts/" + req.pathParam(1)
                            + " does not exist."));
            ObjectNode project = projectOf(d, sa);
            return Permissions.granted(body, p -> guard.allowedOnResource(d, who, project, policyKey(sa), p));
        }));
    }

    /** The service account of path params 0 (project) and 1 (email), checked for {@code permission}; else 403/404. */
    private ObjectNode existing(StateData d, Identity who, ApiRequest req, String permission) {
        String projectRef = req.pathParam(0);
        String account = req.pathParam(1);
        if (!"-".equals(projectRef) && Projects.find(d, projectRef).isEmpty()) {
            throw GoogleErrors.iamPermissionDenied(permission);
        }
        Optional<ObjectNode> found = find(d, projectRef, account);
        if (found.isEmpty() && "-".equals(projectRef)) {
            // under projects/- IAM cannot tell which project to look in: a missing account is the 403 (WIRE-FORMATS)
            throw GoogleErrors.iamPermissionDenied(permission);
        }
        if (found.isEmpty()) {
            // as on Google: a caller who could see it learns it does not exist, anyone else gets the 403
            boolean couldSee = d.projects.values().stream().anyMatch(p -> guard.allowedOnProject(d, who, p, permission));
            if (!couldSee) {
                throw GoogleErrors.iamPermissionDenied(permission);
            }
            throw GoogleErrors.notFound("Service account projects/" + projectRef + "/serviceAccounts/" + account
                    + " does not exist.");
        }
        ObjectNode sa = found.get();
        if (!guard.allowedOnResource(d, who, projectOf(d, sa), policyKey(sa), permission)) {
            throw GoogleErrors.iamPermissionDenied(permission);
        }
        return sa;
    }

    private String uniqueId() {
        StringBuilder sb = new StringBuilder("1");
        for (int i = 0; i < 20; i++) {
            sb.append(random.nextInt(10));
        }
        return sb.toString();
    }
}
