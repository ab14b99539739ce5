package dev.wifdesk.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The spec file of CLI.md: the desired federation setup. Immutable; built by {@link SpecParser},
 * checked by {@link SpecValidator}. {@code gitlab} and {@code dataflow} are optional sections
 * (empty when the file has none); everything else has the defaults CLI.md implies.
 */
public record FederationSpec(Gcp gcp, List<Environment> environments, Optional<GitLab> gitlab,
        Optional<Dataflow> dataflow) {

    public FederationSpec {
        Objects.requireNonNull(gcp, "gcp");
        environments = environments == null ? List.of() : List.copyOf(environments);
        gitlab = gitlab == null ? Optional.empty() : gitlab;
        dataflow = dataflow == null ? Optional.empty() : dataflow;
    }

    /** {@code gcp:}: the Google side. {@code project} is the project ID; the number is looked up. */
    public record Gcp(String project, Pool pool, Provider provider, ServiceAccount serviceAccount,
            List<String> grant, List<String> projectRoles) {
        public Gcp {
            grant = copyOf(grant);
            projectRoles = copyOf(projectRoles);
        }
    }

    /** The workload identity pool; the display name defaults to the id (both are at most 32 chars). */
    public record Pool(String id, String displayName, String description) {
        public Pool {
            displayName = displayName == null ? id : displayName;
            description = description == null ? "" : description;
        }
    }

    /**
     * The OIDC provider. Empty {@code audiences} means the provider's default audience (its full
     * resource name). {@code attributeMapping} keeps the file's order; {@code attributeCondition}
     * is empty when the file has none.
     */
    public record Provider(String id, String issuer, List<String> audiences, Map<String, String> attributeMapping,
            String attributeCondition) {
        public Provider {
            audiences = copyOf(audiences);
            attributeMapping = attributeMapping == null ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(attributeMapping));
            attributeCondition = attributeCondition == null ? "" : attributeCondition;
        }

        public boolean usesDefaultAudience() {
            return audiences.isEmpty();
        }

        public boolean hasCondition() {
            return !attributeCondition.isBlank();
        }
    }

    /** A service account by its id (the part before {@code @}); {@code create} defaults to true. */
    public record ServiceAccount(String id, boolean create) {
        public String email(String projectId) {
            return id + "@" + projectId + ".iam.gserviceaccount.com";
        }
    }

    /** One GitLab environment with its own service account; {@code protectedOnly} adds environment_protected. */
    public record Environment(String name, ServiceAccount serviceAccount, boolean protectedOnly) {
        /**
         * The CEL clause that admits only this environment's jobs, e.g.
         * {@code assertion.environment == "production" && assertion.environment_protected == "true"}
         * (GitLab booleans are strings; the claims exist only in jobs that declare an environment).
         */
        public String conditionClause() {
            String clause = "assertion.environment == " + celString(name);
            return protectedOnly ? clause + " && assertion.environment_protected == \"true\"" : clause;
        }
    }

    /**
     * {@code gitlab:}: where the CI variables go. {@code ref} defaults to main; {@code verificationJob}
     * (how the job reaches {@code .gitlab-ci.yml}: {@code merge-request}, {@code commit} or {@code none})
     * to merge-request.
     */
    public record GitLab(String url, String project, String ref, Variables variables, String verificationJob) {
        public static final List<String> VERIFICATION_JOB_MODES = List.of("merge-request", "commit", "none");

        public GitLab {
            ref = ref == null ? "main" : ref;
            variables = variables == null ? Variables.DEFAULT : variables;
            verificationJob = verificationJob == null ? "merge-request" : verificationJob;
        }

        public GitLab(String url, String project, String ref, Variables variables) {
            this(url, project, ref, variables, null);
        }
    }

    /** How the CI variables are created: protected (default true), environment scope (default "*"). */
    public record Variables(boolean protectedOnly, String environmentScope) {
        public static final Variables DEFAULT = new Variables(true, "*");

        public Variables {
            environmentScope = environmentScope == null ? "*" : environmentScope;
        }
    }

    /** {@code dataflow:}: the template the verification launches. Parameters keep the file's order. */
    public record Dataflow(String region, String template, Map<String, String> parameters, String tempLocation) {
        public Dataflow {
            parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /** The provider's resource name {@code projects/P/locations/global/workloadIdentityPools/POOL/providers/ID}. */
    public String providerName(String projectNumber) {
        return ResourceNames.providerName(projectNumber, gcp.pool().id(), gcp.provider().id());
    }

    /**
     * The {@code aud} values STS will accept: the configured audiences, or when there are none the
     * provider's default audience in both forms ({@code //iam.googleapis.com/...} and with {@code https:}).
     */
    public List<String> acceptedAudiences(String projectNumber) {
        return gcp.provider().usesDefaultAudience()
                ? List.copyOf(ResourceNames.defaultAudiences(providerName(projectNumber)))
                : gcp.provider().audiences();
    }

    /** The grant entries parsed; entries that do not parse are skipped (the validator reports them). */
    public List<GrantEntry> grantEntries() {
        return gcp.grant().stream().map(GrantEntry::tryParse).flatMap(Optional::stream).toList();
    }

    /**
     * The IAM member for one {@code grant:} entry, e.g. {@code attribute.project_path/acme/pipelines} ->
     * {@code principalSet://iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL/attribute.project_path/acme/pipelines}.
     *
     * @param projectNumber the project NUMBER (IAM never matches a member that names the project ID)
     * @throws IllegalArgumentException when the number is not all digits or the entry does not parse
     */
    public PrincipalIdentifier toPrincipalSet(String projectNumber, String grantEntry) {
        if (!ResourceNames.isProjectNumber(projectNumber)) {
            throw new IllegalArgumentException("project number: \"" + projectNumber
                    + "\" is not a project number (rule: principal identifiers use the project NUMBER, all digits, never the ID)");
        }
        return GrantEntry.parse(grantEntry).toPrincipal(projectNumber, gcp.pool().id());
    }

    static String celString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static List<String> copyOf(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
