package dev.wifdesk.plan.demo;

import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.cloud.ServiceAccountNames;
import dev.wifdesk.export.VerificationJobYaml;
import dev.wifdesk.model.CiContract;
import dev.wifdesk.model.PrincipalIdentifier;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.Bindings;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.CiConfigFile;
import dev.wifdesk.plan.GitLabVariables;
import dev.wifdesk.plan.IamResources;
import dev.wifdesk.plan.Outcome;
import dev.wifdesk.plan.Plan;
import dev.wifdesk.plan.Step;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gitlab4j.api.GitLabApi;

/**
 * The demo federation of the sandbox as a plan of the plan engine: a pool and GitLab OIDC
 * provider, a service account that the project path may impersonate, the Dataflow roles, and
 * the CI/CD variables and the verification job in {@code .gitlab-ci.yml} the sandbox runner runs. Planning only reads (each step's action comes
 * from the observed state); every step re-reads when it runs, so a second run changes nothing.
 */
public final class DemoSetup {
    public static final String POOL_ID = "gitlab-ci";
    public static final String PROVIDER_ID = "gitlab-sandbox";
    public static final String SA_ID = "gitlab-dataflow";
    public static final String CONDITION = "assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"";
    public static final Map<String, String> MAPPING = mapping();
    public static final List<String> DATAFLOW_ROLES = List.of("roles/dataflow.developer", "roles/dataflow.worker");
    public static final String REGION = "europe-west1";
    /** The ref the demo's verification job runs on: the sandbox project's protected default branch. */
    public static final String REF = "main";

    private static Map<String, String> mapping() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("google.subject", "assertion.sub");
        m.put("attribute.project_path", "assertion.project_path");
        m.put("attribute.ref", "assertion.ref");
        m.put("attribute.ref_protected", "assertion.ref_protected");
        return Collections.unmodifiableMap(m);
    }

    /** Where the demo goes: the sandbox project, its GitLab issuer and project. */
    public record Coordinates(String projectId, String projectNumber, String issuer, String gitlabProjectPath) {
        public Coordinates {
            Objects.requireNonNull(projectId, "projectId");
            Objects.requireNonNull(projectNumber, "projectNumber");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(gitlabProjectPath, "gitlabProjectPath");
        }
    }

    /** The steps, in the order they run; a step's id is its kind's name. */
    public enum Kind { POOL, PROVIDER, SERVICE_ACCOUNT, SA_BINDING, PROJECT_ROLES, CI_VARIABLES, CI_FILE }

    private final Coordinates at;

    public DemoSetup(Coordinates at) {
        this.at = Objects.requireNonNull(at, "at");
    }

    public String poolName() {
        return ResourceNames.poolName(at.projectNumber(), POOL_ID);
    }

    public String providerName() {
        return ResourceNames.providerName(at.projectNumber(), POOL_ID, PROVIDER_ID);
    }

    /** {@code //iam.googleapis.com/projects/N/.../providers/P}: what the runner's WIF_PROVIDER holds. */
    public String providerAudience() {
        return CiContract.providerValue(providerName());
    }

    public String serviceAccount() {
        return SA_ID + "@" + at.projectId() + ".iam.gserviceaccount.com";
    }

    public String serviceAccountResource() {
        return ServiceAccountNames.resource(serviceAccount(), at.projectId());
    }

    /** {@code principalSet://iam.googleapis.com/POOL/attribute.project_path/PATH}. */
    public String projectPathMember() {
        return PrincipalIdentifier.attribute(at.projectNumber(), POOL_ID, "project_path", at.gitlabProjectPath()).format();
    }

    /** The GitLab CI/CD variables of the sandbox runner contract, in order. */
    public Map<String, String> variables() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(CiContract.PROVIDER, providerAudience());
        v.put(CiContract.SERVICE_ACCOUNT, serviceAccount());
        v.put(CiContract.ID_TOKEN_AUD, at.issuer());
        v.put(CiContract.GCP_PROJECT_ID, at.projectId());
        v.put(CiContract.DATAFLOW_REGION, REGION);
        v.put(CiContract.DATAFLOW_TEMPLATE, "gs://dataflow-templates-" + REGION + "/latest/Word_Count");
        v.put(CiContract.DATAFLOW_PARAMETERS,
                "{\"inputFile\":\"gs://dataflow-samples/shakespeare/kinglear.txt\",\"output\":\"gs://acme-tmp/wifdesk/out\"}");
        v.put(CiContract.DATAFLOW_TEMP_LOCATION, "gs://acme-tmp/wifdesk/tmp");
        return v;
    }

    /** The verification job the demo commits to {@link #REF} (the same text {@code apply} and the export write). */
    public static Map<String, String> verificationJobs() {
        return VerificationJobYaml.jobs(REF, List.of());
    }

    private List<GitLabVariables.Wanted> wantedVariables() {
        List<GitLabVariables.Wanted> out = new ArrayList<>();
        variables().forEach((k, v) -> out.add(new GitLabVariables.Wanted(k, v, CiContract.isFederationVariable(k))));
        return out;
    }

    private List<PolicyChange> serviceAccountBindings() {
        return List.of(
                new PolicyChange(serviceAccountResource(), "roles/iam.workloadIdentityUser", projectPathMember(), true),
                new PolicyChange(serviceAccountResource(), "roles/iam.serviceAccountUser",
                        "serviceAccount:" + serviceAccount(), true));
    }

    /**
     * Every step with the exact resource and content, before anything is made; each action is
     * what the observed state calls for (reads only: {@code google} and {@code gitlab} make no change).
     */
    public Plan plan(GoogleClients google, GitLabApi gitlab) throws IOException {
        List<Step> steps = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            steps.add(step(kind, observe(kind, google, gitlab)));
        }
        return new Plan(steps);
    }

    private Action observe(Kind kind, GoogleClients google, GitLabApi gitlab) throws IOException {
        return switch (kind) {
            case POOL -> IamResources.poolAction(google, poolName());
            case PROVIDER -> IamResources.providerAction(google, providerName());
            case SERVICE_ACCOUNT -> IamResources.serviceAccountAction(google, serviceAccountResource());
            case SA_BINDING -> Bindings.serviceAccountAction(google, serviceAccountBindings());
            case PROJECT_ROLES -> Bindings.projectRolesAction(google, at.projectId(), "serviceAccount:" + serviceAccount(),
                    DATAFLOW_ROLES);
            case CI_VARIABLES -> GitLabVariables.action(gitlab, at.gitlabProjectPath(), wantedVariables());
            case CI_FILE -> CiConfigFile.action(gitlab, at.gitlabProjectPath(), REF, CiConfigFile.Mode.COMMIT,
                    verificationJobs());
        };
    }

    /** One step with a given action (tests make partial setups: a pool and provider without the account). */
    public Step step(Kind kind, Action action) {
        return switch (kind) {
            case POOL -> new Step(kind.name(), action, poolName(), "Workload identity pool " + POOL_ID + " (\"GitLab CI\")",
                    List.of(), c -> IamResources.ensurePool(c, at.projectId(), poolName(),
                            new WorkloadIdentityPool().setDisplayName("GitLab CI")));
            case PROVIDER -> new Step(kind.name(), action, providerName(), providerDescription(), List.of(Kind.POOL.name()),
                    c -> IamResources.ensureProvider(c, providerName(), new WorkloadIdentityPoolProvider()
                            .setDisplayName("GitLab sandbox")
                            .setAttributeMapping(new LinkedHashMap<>(MAPPING))
                            .setAttributeCondition(CONDITION)
                            .setOidc(new Oidc().setIssuerUri(at.issuer()).setAllowedAudiences(List.of(at.issuer())))));
            case SERVICE_ACCOUNT -> new Step(kind.name(), action, serviceAccountResource(),
                    "Service account " + serviceAccount(), List.of(),
                    c -> IamResources.ensureServiceAccount(c, at.projectId(), SA_ID, serviceAccount(), "GitLab Dataflow"));
            case SA_BINDING -> new Step(kind.name(), action, serviceAccountResource(),
                    "+ roles/iam.workloadIdentityUser " + projectPathMember()
                            + "\n+ roles/iam.serviceAccountUser serviceAccount:" + serviceAccount(),
                    List.of(Kind.POOL.name(), Kind.SERVICE_ACCOUNT.name()),
                    c -> Bindings.ensureServiceAccount(c, serviceAccountBindings()));
            case PROJECT_ROLES -> new Step(kind.name(), action, "projects/" + at.projectId(), rolesDescription(),
                    List.of(Kind.SERVICE_ACCOUNT.name()), c -> Bindings.ensureProjectRoles(c, at.projectId(),
                            "serviceAccount:" + serviceAccount(), DATAFLOW_ROLES));
            case CI_VARIABLES -> new Step(kind.name(), action, at.gitlabProjectPath(), variablesDescription(),
                    List.of(Kind.PROVIDER.name(), Kind.SERVICE_ACCOUNT.name()),
                    c -> GitLabVariables.ensure(c, at.gitlabProjectPath(), wantedVariables()));
            case CI_FILE -> new Step(kind.name(), action, at.gitlabProjectPath() + "/" + CiConfigFile.PATH,
                    "Verification job " + String.join(", ", verificationJobs().keySet()) + " committed to " + REF
                            + " (the file's other jobs kept)", List.of(),
                    c -> CiConfigFile.ensure(c, at.gitlabProjectPath(), REF, CiConfigFile.Mode.COMMIT, verificationJobs()));
        };
    }

    /** Runs one step by itself, whatever was observed (tests make partial setups). */
    public Outcome run(Kind kind, ChangeContext context) throws Exception {
        return step(kind, Action.CREATE).change().apply(context);
    }

    private String providerDescription() {
        StringBuilder provider = new StringBuilder("OIDC provider " + PROVIDER_ID + "\n  issuer: " + at.issuer()
                + "\n  allowed audience: " + at.issuer() + "\n  attribute mapping:");
        MAPPING.forEach((k, v) -> provider.append("\n    ").append(k).append(" = ").append(v));
        provider.append("\n  condition: ").append(CONDITION);
        return provider.toString();
    }

    private String rolesDescription() {
        StringBuilder roles = new StringBuilder();
        DATAFLOW_ROLES.forEach(r -> roles.append(roles.length() == 0 ? "" : "\n").append("+ ").append(r)
                .append(" serviceAccount:").append(serviceAccount()));
        return roles.toString();
    }

    private String variablesDescription() {
        StringBuilder vars = new StringBuilder("GitLab CI/CD variables of " + at.gitlabProjectPath() + ":");
        variables().forEach((k, v) -> vars.append("\n  ").append(k).append(" = ").append(v)
                .append(CiContract.isFederationVariable(k) ? "  (protected)" : ""));
        return vars.toString();
    }
}
