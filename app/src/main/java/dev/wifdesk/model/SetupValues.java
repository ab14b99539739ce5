package dev.wifdesk.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every value a setup creates from a spec, derived in one place: the planner applies them, the
 * exports print them and the lint judges them, so all three agree by construction. Pure: the
 * project number is given (it is looked up once by whoever has a client).
 *
 * <p>Per-environment access: a principalSet matches exactly one attribute value, so each
 * environment's service account is bound to an attribute that names both the GitLab project and the
 * environment ({@code attribute.project_environment/acme/pipelines:production}). For a
 * {@code protectedOnly} environment the attribute is set only when the environment is protected
 * ({@code attribute.protected_project_environment}); a job in an unprotected environment of that name,
 * a job of another project, or a job of another environment therefore never matches the binding,
 * whatever the provider's condition admits.
 */
public final class SetupValues {
    public static final List<String> REQUIRED_SERVICES = List.of("iam.googleapis.com", "iamcredentials.googleapis.com",
            "sts.googleapis.com", "dataflow.googleapis.com");
    public static final String WORKLOAD_IDENTITY_USER = "roles/iam.workloadIdentityUser";
    public static final String SERVICE_ACCOUNT_USER = "roles/iam.serviceAccountUser";
    /** {@code project_path:environment} of every job that declares an environment. */
    public static final String PROJECT_ENVIRONMENT = "project_environment";
    /** {@code project_path:environment}, set only when the environment is protected. */
    public static final String PROTECTED_PROJECT_ENVIRONMENT = "protected_project_environment";
    /** Stands for a number not known yet; NUL never occurs in a real id, GitLab path or CEL expression. */
    public static final String NUMBER_PLACEHOLDER = "\u0000PROJECT_NUMBER\u0000";
    static final String PROJECT_ENVIRONMENT_EXPRESSION = "assertion.project_path + \":\" + assertion.environment";
    static final String PROTECTED_PROJECT_ENVIRONMENT_EXPRESSION = "assertion.environment_protected == \"true\" ? "
            + PROJECT_ENVIRONMENT_EXPRESSION + " : \"\"";

    /**
     * A service account of the setup and who may impersonate it. {@code environment} is empty for
     * the spec's main account (scope {@code *}).
     */
    public record Account(String id, String email, boolean create, Optional<String> environment,
                          List<String> impersonators) {
        public Account {
            impersonators = List.copyOf(impersonators);
        }

        /** {@code projects/PROJECT/serviceAccounts/EMAIL}. */
        public String resource(String projectId) {
            return "projects/" + projectId + "/serviceAccounts/" + email;
        }

        public String member() {
            return "serviceAccount:" + email;
        }

        /** The display name a created account gets. */
        public String displayName() {
            return environment.map(e -> "GitLab CI Dataflow (" + e + ")").orElse("GitLab CI Dataflow");
        }

        /**
         * The bindings on the account's own policy: each impersonator as workloadIdentityUser, and the
         * account itself as serviceAccountUser (actAs: it launches Dataflow jobs that run as itself).
         */
        public List<PolicyMember> policyMembers() {
            List<PolicyMember> out = new ArrayList<>();
            impersonators.forEach(m -> out.add(new PolicyMember(WORKLOAD_IDENTITY_USER, m)));
            out.add(new PolicyMember(SERVICE_ACCOUNT_USER, member()));
            return out;
        }
    }

    /** One role-member pair of an IAM policy. */
    public record PolicyMember(String role, String member) {
    }

    /** One GitLab CI/CD variable apply writes; masked whenever GitLab can mask the value. */
    public record Variable(String key, String value, boolean isProtected, String environmentScope) {
        /**
         * GitLab masks only single-line values of 8+ characters from the Base64 alphabet plus
         * {@code @ : . ~ - _ /} (docs/ci/variables, "Mask a CI/CD variable"); others it refuses to mask.
         */
        public boolean masked() {
            // a number still to be looked up is digits: judge the value as it will be
            return MASKABLE.matcher(value.replace(NUMBER_PLACEHOLDER, "0")).matches();
        }
    }

    private static final java.util.regex.Pattern MASKABLE = java.util.regex.Pattern.compile("[A-Za-z0-9+/=@:.~_-]{8,}");

    private final FederationSpec spec;
    private final String projectNumber;

    /** @throws IllegalArgumentException when {@code projectNumber} is not all digits */
    public SetupValues(FederationSpec spec, String projectNumber) {
        this(spec, projectNumber, false);
        if (!ResourceNames.isProjectNumber(projectNumber)) {
            throw new IllegalArgumentException("project number: \"" + projectNumber + "\" is not a project number ("
                    + ResourceNames.PROJECT_NUMBER_RULE + ")");
        }
    }

    private SetupValues(FederationSpec spec, String projectNumber, boolean placeholder) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.projectNumber = Objects.requireNonNull(projectNumber, "projectNumber");
    }

    /**
     * The same values for a setup whose project number is looked up later, when a script or
     * Terraform runs: every value that names the number carries {@link #NUMBER_PLACEHOLDER} in its
     * place, for the export to replace with its own lookup ({@code ${PROJECT_NUMBER}}, {@code data.google_project}).
     */
    public static SetupValues withProjectNumberPlaceholder(FederationSpec spec) {
        return new SetupValues(spec, NUMBER_PLACEHOLDER, true);
    }

    public FederationSpec spec() {
        return spec;
    }

    public String projectId() {
        return spec.gcp().project();
    }

    public String projectNumber() {
        return projectNumber;
    }

    public String poolId() {
        return spec.gcp().pool().id();
    }

    public String providerId() {
        return spec.gcp().provider().id();
    }

    /** {@code projects/NUMBER/locations/global/workloadIdentityPools/POOL}. */
    public String poolName() {
        return ResourceNames.poolName(projectNumber, poolId());
    }

    /** {@code projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER}. */
    public String providerName() {
        return ResourceNames.providerName(projectNumber, poolId(), providerId());
    }

    /** {@code //iam.googleapis.com/projects/NUMBER/...}: the STS audience, the value of WIF_PROVIDER. */
    public String providerAudience() {
        return CiContract.providerValue(providerName());
    }

    /** The spec's mapping, plus the environment attribute(s) the per-environment bindings read. */
    public Map<String, String> attributeMapping() {
        Map<String, String> m = new LinkedHashMap<>(spec.gcp().provider().attributeMapping());
        if (spec.environments().stream().anyMatch(e -> !e.protectedOnly())) {
            m.putIfAbsent(attributeKey(PROJECT_ENVIRONMENT), PROJECT_ENVIRONMENT_EXPRESSION);
        }
        if (spec.environments().stream().anyMatch(FederationSpec.Environment::protectedOnly)) {
            m.putIfAbsent(attributeKey(PROTECTED_PROJECT_ENVIRONMENT), PROTECTED_PROJECT_ENVIRONMENT_EXPRESSION);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The provider's condition, exactly as the spec has it (empty: none). */
    public String attributeCondition() {
        return spec.gcp().provider().attributeCondition();
    }

    /** The provider's allowed audiences; empty means the default audience. */
    public List<String> allowedAudiences() {
        return spec.gcp().provider().audiences();
    }

    /** The {@code aud} the job's {@code id_tokens} asks for: the first allowed audience, or the default one. */
    public String idTokenAudience() {
        return allowedAudiences().isEmpty() ? "https:" + providerAudience() : allowedAudiences().get(0);
    }

    /** The main account first, then one per environment, in the spec's order. */
    public List<Account> serviceAccounts() {
        List<Account> out = new ArrayList<>();
        FederationSpec.ServiceAccount main = spec.gcp().serviceAccount();
        List<String> grants = spec.grantEntries().stream()
                .map(g -> g.toPrincipal(projectNumber, poolId()).format()).toList();
        out.add(new Account(main.id(), main.email(projectId()), main.create(), Optional.empty(), grants));
        for (FederationSpec.Environment env : spec.environments()) {
            out.add(new Account(env.serviceAccount().id(), env.serviceAccount().email(projectId()),
                    env.serviceAccount().create(), Optional.of(env.name()), List.of(environmentMember(env))));
        }
        return out;
    }

    /** The principalSet that admits only this project's jobs in {@code env} (protected ones when it says so). */
    public String environmentMember(FederationSpec.Environment env) {
        String attribute = env.protectedOnly() ? PROTECTED_PROJECT_ENVIRONMENT : PROJECT_ENVIRONMENT;
        return PrincipalIdentifier.attribute(projectNumber, poolId(), attribute, gitlabProjectPath() + ":" + env.name())
                .format();
    }

    /** The project roles every account of the setup gets. */
    public List<String> projectRoles() {
        return spec.gcp().projectRoles();
    }

    /** The GitLab project the spec wires (empty without a {@code gitlab:} section: then the grant's path, if any). */
    public String gitlabProjectPath() {
        return spec.gitlab().map(FederationSpec.GitLab::project).orElse("");
    }

    /**
     * The CI/CD variables of CLI.md's table: the spec's scope for the main account, and for each
     * environment the same keys scoped to it with that environment's account. Empty without a
     * {@code gitlab:} section.
     */
    public List<Variable> gitlabVariables() {
        if (spec.gitlab().isEmpty()) {
            return List.of();
        }
        FederationSpec.Variables settings = spec.gitlab().get().variables();
        List<Variable> out = new ArrayList<>();
        for (Account account : serviceAccounts()) {
            String scope = account.environment().orElse(settings.environmentScope());
            variables(account.email()).forEach((k, v) -> out.add(new Variable(k, v, settings.protectedOnly(), scope)));
        }
        return out;
    }

    private Map<String, String> variables(String serviceAccount) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(CiContract.PROVIDER, providerAudience());
        v.put(CiContract.SERVICE_ACCOUNT, serviceAccount);
        v.put(CiContract.ID_TOKEN_AUD, idTokenAudience());
        v.put(CiContract.GCP_PROJECT_ID, projectId());
        spec.dataflow().ifPresent(d -> {
            v.put(CiContract.DATAFLOW_REGION, d.region());
            v.put(CiContract.DATAFLOW_TEMPLATE, d.template());
            v.put(CiContract.DATAFLOW_TEMP_LOCATION, d.tempLocation());
            v.put(CiContract.DATAFLOW_PARAMETERS, parametersJson(d.parameters()));
        });
        return v;
    }

    static String parametersJson(Map<String, String> parameters) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(parameters);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always writes as JSON", e);
        }
    }

    private static String attributeKey(String attribute) {
        return "attribute." + attribute;
    }
}
