package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * IAM policies with etags, shared by service accounts and projects. An unset policy reads as
 * {@code {"etag":"ACAB"}}; every successful set makes a new etag; a set whose etag is not the
 * current one fails with 409 ABORTED (catalogue #22). Called inside the state lock.
 */
final class IamPolicies {
    static final String EMPTY_ETAG = "ACAB";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern MEMBER = Pattern.compile(
            "(user|serviceAccount|group|domain|deleted:user|deleted:serviceAccount|deleted:group):[^\\s]+"
                    + "|principal://[^\\s]+|principalSet://[^\\s]+|allUsers|allAuthenticatedUsers"
                    + "|projectOwner:[^\\s]+|projectEditor:[^\\s]+|projectViewer:[^\\s]+");
    private static final Pattern ROLE = Pattern.compile("(roles|projects/[^/]+/roles|organizations/[0-9]+/roles)/[A-Za-z0-9_.]+");

    private final SecureRandom random = new SecureRandom();
    private final java.util.concurrent.atomic.AtomicInteger concurrentEdits = new java.util.concurrent.atomic.AtomicInteger();
    private final IamConditions conditions;
    private final Propagation propagation;

    IamPolicies(IamConditions conditions, Propagation propagation) {
        this.conditions = conditions;
        this.propagation = propagation;
    }

    /**
     * The policy as getIamPolicy returns it for {@code requestedVersion} (0, 1 or 3; absent = 0).
     * Google documents that a version-1 view of a policy with conditional bindings shows each such
     * role as {@code ROLE_withcond_HASH} without its condition, and that the answer uses version 1
     * whenever the policy has no condition. The hash here is the first 20 hex digits of the SHA-256
     * of the condition (Google's hash function is not documented; only the shape is).
     */
    static ObjectNode view(ObjectNode policy, int requestedVersion) {
        if (requestedVersion != 0 && requestedVersion != 1 && requestedVersion != 3) {
            throw GoogleErrors.invalidArgument("Invalid value for \"options.requestedPolicyVersion\": " + requestedVersion
                    + ". Valid values are 0, 1 and 3.");
        }
        if (requestedVersion == 3 || !hasConditions(policy)) {
            return policy;
        }
        ObjectNode v1 = policy.deepCopy();
        v1.put("version", 1);
        for (JsonNode b : v1.path("bindings")) {
            if (b.hasNonNull("condition")) {
                ObjectNode binding = (ObjectNode) b;
                binding.put("role", binding.path("role").asText() + "_withcond_" + conditionHash(binding.get("condition")));
                binding.remove("condition");
            }
        }
        return v1;
    }

    /** The requested policy version: {@code options.requestedPolicyVersion} in the query or the body; 0 when absent. */
    static int requestedVersion(ApiRequest req, JsonNode body) {
        String text = req.query("options.requestedPolicyVersion").orElse(null);
        if (text == null) {
            JsonNode v = body.path("options").path("requestedPolicyVersion");
            if (v.isMissingNode() || v.isNull()) {
                return 0;
            }
            text = v.asText();
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw GoogleErrors.invalidArgument("Invalid value for \"options.requestedPolicyVersion\": \"" + text
                    + "\" is not an integer.");
        }
    }

    private static boolean hasConditions(JsonNode policy) {
        for (JsonNode b : policy.path("bindings")) {
            if (b.hasNonNull("condition")) {
                return true;
            }
        }
        return false;
    }

    private static String conditionHash(JsonNode condition) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(condition.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest).substring(0, 20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static ObjectNode get(StateData d, String resource) {
        ObjectNode p = d.policies.get(resource);
        if (p == null) {
            ObjectNode empty = NODES.objectNode();
            empty.put("etag", EMPTY_ETAG);
            return empty;
        }
        return p.deepCopy();
    }

    /** The stored policy, or null: for permission checks. */
    static ObjectNode raw(StateData d, String resource) {
        return d.policies.get(resource);
    }

    /**
     * Applies a setIamPolicy body ({@code {"policy":{...},"updateMask":...}}).
     *
     * @param concurrentEdit simulate another writer changing the policy just before this call
     */
    ObjectNode set(StateData d, String resource, ObjectNode body, boolean concurrentEdit) {
        JsonNode policy = body.get("policy");
        if (policy == null || !policy.isObject()) {
            throw GoogleErrors.invalidArgument("Invalid argument: 'policy' is required.");
        }
        ObjectNode current = get(d, resource);
        String sentEtag = policy.path("etag").asText("");
        if (concurrentEdit && !sentEtag.isEmpty()) {
            current = anotherWritersEdit(d, resource, current);
        }
        if (!sentEtag.isEmpty() && !sentEtag.equals(current.path("etag").asText())) {
            throw GoogleErrors.concurrentPolicyChange();
        }
        // "Any operation that affects conditional role bindings must specify version 3" (Policy.version
        // reference): adding one, or changing a policy that has them while naming its etag. Without an
        // etag IAM lets a version-1 policy overwrite the conditions. Exact text not verified.
        int sentVersion = policy.path("version").asInt(0);
        boolean sendsConditions = hasConditions(policy);
        if (sentVersion < 3 && (sendsConditions || (!sentEtag.isEmpty() && hasConditions(current)))) {
            throw GoogleErrors.invalidArgument("Invalid value for \"policy.version\": " + sentVersion + ". A policy "
                    + (sendsConditions ? "with" : "that has") + " conditional role bindings must be set with version 3.");
        }
        ArrayNode bindings = NODES.arrayNode();
        boolean conditional = false;
        for (JsonNode b : policy.path("bindings")) {
            String role = b.path("role").asText("");
            if (!ROLE.matcher(role).matches()) {
                throw GoogleErrors.invalidArgument("Role (" + role + ") does not exist in the resource's hierarchy.");
            }
            ArrayNode members = NODES.arrayNode();
            for (JsonNode m : b.path("members")) {
                String member = m.asText("");
                if (!MEMBER.matcher(member).matches()) {
                    throw GoogleErrors.invalidArgument("Invalid member: '" + member + "' in binding for " + role
                            + ". Members look like user:EMAIL, serviceAccount:EMAIL, group:EMAIL, principal://... or principalSet://...");
                }
                requireExistingServiceAccount(d, member);
                members.add(member);
            }
            if (members.isEmpty()) {
                continue;
            }
            ObjectNode binding = NODES.objectNode();
            binding.put("role", role);
            binding.set("members", members);
            JsonNode condition = b.get("condition");
            if (condition != null && !condition.isNull()) {
                // IAM refuses a condition it cannot evaluate (the exact text was not found in a public source)
                String problem = condition.isObject() ? conditions.problem(condition.path("expression").asText(""))
                        .orElse(null) : "the condition must be an object with an expression";
                if (problem != null) {
                    throw GoogleErrors.invalidArgument("Invalid condition in binding for " + role + ": " + problem + ".");
                }
                binding.set("condition", condition.deepCopy());
                conditional = true;
            }
            bindings.add(binding);
        }
        ObjectNode stored = NODES.objectNode();
        stored.put("version", conditional ? 3 : 1);
        if (!bindings.isEmpty()) {
            stored.set("bindings", bindings);
        }
        if (policy.has("auditConfigs")) {
            stored.set("auditConfigs", policy.get("auditConfigs").deepCopy());
        }
        stored.put("etag", newEtag());
        propagation.recordGrants(d, resource, raw(d, resource), stored);
        d.policies.put(resource, stored);
        return stored.deepCopy();
    }

    /**
     * Another writer's edit between our get and set (the {@code concurrent-edit} fault): one binding of
     * its own added, a new etag. A client that sends its stale policy must get 409, re-read, keep this.
     */
    private ObjectNode anotherWritersEdit(StateData d, String resource, ObjectNode current) {
        ObjectNode changed = current.deepCopy();
        String role = resource.contains("/serviceAccounts/") ? "roles/iam.serviceAccountTokenCreator" : "roles/viewer";
        String member = "user:concurrent-writer-" + concurrentEdits.incrementAndGet() + "@example.com";
        ArrayNode bindings = changed.has("bindings") ? (ArrayNode) changed.get("bindings") : changed.putArray("bindings");
        ObjectNode binding = null;
        for (JsonNode b : bindings) {
            if (role.equals(b.path("role").asText()) && !b.hasNonNull("condition")) {
                binding = (ObjectNode) b;
            }
        }
        if (binding == null) {
            binding = bindings.addObject().put("role", role);
            binding.putArray("members");
        }
        ((ArrayNode) binding.get("members")).add(member);
        changed.put("etag", newEtag());
        if (!changed.has("version")) {
            changed.put("version", 1);
        }
        d.policies.put(resource, changed);
        return changed;
    }

    /**
     * A member naming a user-managed service account of a sandbox project that does not exist is refused,
     * as IAM does ({@code Service account EMAIL does not exist.}, 400 in many public Terraform logs): binding
     * a just-created account can fail for a moment, and callers must retry. Accounts of projects the
     * sandbox does not hold are not judged.
     */
    private static void requireExistingServiceAccount(StateData d, String member) {
        if (!member.startsWith("serviceAccount:")) {
            return;
        }
        String email = member.substring("serviceAccount:".length());
        int at = email.indexOf('@');
        String domain = at < 0 ? "" : email.substring(at + 1);
        if (!domain.endsWith(".iam.gserviceaccount.com")) {
            return;
        }
        String project = domain.substring(0, domain.length() - ".iam.gserviceaccount.com".length());
        if (Projects.find(d, project).isPresent() && ServiceAccountsApi.find(d, "-", email).isEmpty()) {
            throw GoogleErrors.invalidArgument("Service account " + email + " does not exist.");
        }
    }

    private String newEtag() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        bytes[0] = 0x07; // Google's etags start with "Bw"
        bytes[1] &= 0x0F;
        return Base64.getEncoder().encodeToString(bytes);
    }
}
