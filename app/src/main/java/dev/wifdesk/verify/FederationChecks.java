package dev.wifdesk.verify;

import dev.wifdesk.plan.setup.SetupStepIds;
import dev.wifdesk.diagnose.Diagnosis;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.diagnose.DiagnosisInput;
import dev.wifdesk.diagnose.ProviderInfo;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The pool, the provider and the exchange, judged by the diagnosis engine on synthetic GitLab
 * tokens (the same engine {@code diagnose} uses, so both say the same): the configured job is
 * admitted for each account, and jobs of another namespace or an unprotected branch are not.
 * Each engine finding goes to the check it belongs to (pool, provider, binding, or the token).
 */
final class FederationChecks {
    private final PreflightState state;
    private final SetupValues v;
    private final DiagnosisEngine engine;
    private final SyntheticTokens tokens;
    private final String ref;
    /** Each account's job token and its diagnosis, made once: the pool, provider, token and binding checks all read it. */
    private final Map<String, JobDiagnosis> jobDiagnoses = new java.util.concurrent.ConcurrentHashMap<>();

    private record JobDiagnosis(Map<String, Object> claims, Diagnosis diagnosis) {
    }

    FederationChecks(PreflightState state, DiagnosisEngine engine, Instant now) {
        this.state = state;
        this.v = state.values();
        this.engine = engine;
        this.tokens = new SyntheticTokens(v, state.gitlab().project(), now);
        this.ref = v.spec().gitlab().map(g -> g.ref()).orElse("main");
    }

    private static boolean poolCode(Finding f) {
        return f.code().name().startsWith("POOL_");
    }

    private static boolean providerCode(Finding f) {
        return f.code().name().startsWith("PROVIDER_");
    }

    private static boolean bindingCode(Finding f) {
        return f.code().name().startsWith("BINDING_");
    }

    private static boolean tokenCode(Finding f) {
        return !poolCode(f) && !providerCode(f) && !bindingCode(f);
    }

    /** The diagnosis of one token against the live provider, pool and the account's policy. */
    Diagnosis diagnose(Map<String, Object> claims, SetupValues.Account account) {
        DiagnosisInput.Builder in = DiagnosisInput.builder().claims(claims).projectNumber(v.projectNumber())
                .projectId(v.projectId()).stsAudience(v.providerAudience()).serviceAccount(account.email());
        state.provider().ifPresent(in::provider);
        state.pool().ifPresent(in::pool);
        state.accountPolicy(account).ifPresent(in::policy);
        return engine.diagnose(in.build());
    }

    private JobDiagnosis jobDiagnosis(SetupValues.Account account) {
        return jobDiagnoses.computeIfAbsent(account.email(), e -> {
            Map<String, Object> claims = jobToken(account);
            return new JobDiagnosis(claims, diagnose(claims, account));
        });
    }

    /** The configured job's token for {@code account}: its environment, if any, protected as the spec asks. */
    Map<String, Object> jobToken(SetupValues.Account account) {
        boolean refProtected = state.gitlab().refProtected().orElse(true);
        Optional<String> env = account.environment();
        boolean envProtected = env.flatMap(e -> v.spec().environments().stream().filter(x -> x.name().equals(e)).findFirst())
                .map(dev.wifdesk.model.FederationSpec.Environment::protectedOnly).orElse(false);
        return tokens.job(ref, refProtected, env, envProtected);
    }

    CheckResult pool() {
        if (state.pool().isEmpty()) {
            return CheckResult.fail(Layer.PREFLIGHT, CheckNames.POOL, "pool " + v.poolName() + " does not exist", List.of(),
                    "wifdesk apply --spec FILE (creates the pool)", List.of(SetupStepIds.POOL));
        }
        var pool = state.pool().get();
        return byFindings(CheckNames.POOL, "pool " + v.poolName() + ": state " + pool.state() + (pool.disabled() ? ", disabled"
                : ", enabled"), FederationChecks::poolCode, List.of(SetupStepIds.POOL));
    }

    CheckResult provider() {
        if (state.provider().isEmpty()) {
            return CheckResult.fail(Layer.PREFLIGHT, CheckNames.PROVIDER, "provider " + v.providerName() + " does not exist",
                    List.of(), "wifdesk apply --spec FILE (creates the provider)", List.of(SetupStepIds.PROVIDER));
        }
        ProviderInfo p = state.provider().get();
        return byFindings(CheckNames.PROVIDER, "provider " + v.providerName() + ": state " + p.state()
                + (p.disabled() ? ", disabled" : ", enabled") + "; issuer " + p.issuerUri(), FederationChecks::providerCode,
                List.of(SetupStepIds.PROVIDER));
    }

    private CheckResult byFindings(String name, String detail, Predicate<Finding> mine, List<String> steps) {
        SetupValues.Account main = v.serviceAccounts().get(0);
        List<Finding> found = jobDiagnosis(main).diagnosis().findings().stream().filter(mine).toList();
        return found.stream().anyMatch(f -> f.severity() == Severity.ERROR)
                ? CheckResult.fail(Layer.PREFLIGHT, name, detail, found, "", steps)
                : new CheckResult(Layer.PREFLIGHT, name, CheckStatus.PASS, detail, found, "", List.of());
    }

    /**
     * For each account, the configured job's token is accepted (audience, mapping, condition) ... When
     * it is not and the provider has drifted from the spec, the spec wins: the fix restores the provider.
     */
    CheckResult tokenAdmitted() {
        CheckResult r = perAccount(CheckNames.TOKEN_ADMITTED, FederationChecks::tokenCode, List.of(SetupStepIds.PROVIDER),
                "the job's token (project " + v.gitlabProjectPath() + ", ref " + ref + ") is accepted by the provider");
        List<String> drift = state.provider().map(this::drift).orElse(List.of());
        if (r.status() != CheckStatus.FAIL || drift.isEmpty()) {
            return r;
        }
        return new CheckResult(r.layer(), r.name(), r.status(), r.detail() + "; the provider differs from the spec: "
                + String.join(", ", drift), r.findings(), restoreProvider(), r.fixSteps());
    }

    /** The provider's fields that decide an exchange and differ from what the spec makes. */
    private List<String> drift(ProviderInfo p) {
        List<String> out = new ArrayList<>();
        if (!p.allowedAudiences().equals(v.allowedAudiences())) {
            out.add("oidc.allowedAudiences " + p.allowedAudiences() + " (spec: " + v.allowedAudiences() + ")");
        }
        if (!java.util.Objects.toString(p.attributeCondition(), "").equals(v.attributeCondition())) {
            out.add("attributeCondition '" + p.attributeCondition() + "' (spec: '" + v.attributeCondition() + "')");
        }
        if (!p.attributeMapping().equals(v.attributeMapping())) {
            out.add("attributeMapping " + p.attributeMapping() + " (spec: " + v.attributeMapping() + ")");
        }
        return out;
    }

    /** The provider as the spec has it again (the setup's provider step does the same through the API). */
    private String restoreProvider() {
        StringBuilder b = new StringBuilder("gcloud iam workload-identity-pools providers update-oidc ").append(v.providerId())
                .append(" --workload-identity-pool=").append(v.poolId()).append(" --location=global --project=")
                .append(v.projectId());
        if (!v.allowedAudiences().isEmpty()) {
            b.append(" --allowed-audiences=").append(quote(String.join(",", v.allowedAudiences())));
        }
        List<String> mapping = new ArrayList<>();
        v.attributeMapping().forEach((k, e) -> mapping.add(k + "=" + e));
        b.append(" --attribute-mapping=").append(quote(String.join(",", mapping)));
        if (!v.attributeCondition().isBlank()) {
            b.append(" --attribute-condition=").append(quote(v.attributeCondition()));
        }
        return b.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** ... and some member of the account's policy admits it as roles/iam.workloadIdentityUser. */
    CheckResult impersonation() {
        List<String> steps = v.serviceAccounts().stream().map(SetupStepIds::accountPolicy).toList();
        return perAccount(CheckNames.IMPERSONATION, FederationChecks::bindingCode, steps,
                "the account's policy lets the job's principal impersonate it (" + SetupValues.WORKLOAD_IDENTITY_USER + ")");
    }

    private CheckResult perAccount(String name, Predicate<Finding> mine, List<String> steps, String what) {
        if (state.provider().isEmpty()) {
            return CheckResult.skipped(Layer.PREFLIGHT, name, "no provider to judge the token with");
        }
        List<String> evidence = new ArrayList<>();
        List<Finding> found = new ArrayList<>();
        for (SetupValues.Account a : v.serviceAccounts()) {
            if (!state.accountExists(a)) {
                continue;
            }
            JobDiagnosis job = jobDiagnosis(a);
            Map<String, Object> claims = job.claims();
            List<Finding> own = job.diagnosis().findings().stream().filter(mine).toList();
            boolean ok = own.stream().noneMatch(f -> f.severity() == Severity.ERROR);
            evidence.add(a.email() + ": " + (ok ? "yes" : "no") + " for sub " + claims.get("sub")
                    + a.environment().map(e -> " in environment " + e).orElse(""));
            own.stream().filter(f -> !found.contains(f)).forEach(found::add);
        }
        if (evidence.isEmpty()) {
            return CheckResult.skipped(Layer.PREFLIGHT, name, "no service account of the setup exists");
        }
        String detail = what + ": " + String.join("; ", evidence);
        return found.stream().anyMatch(f -> f.severity() == Severity.ERROR)
                ? CheckResult.fail(Layer.PREFLIGHT, name, detail, found, "", steps)
                : new CheckResult(Layer.PREFLIGHT, name, CheckStatus.PASS, detail, found, "", List.of());
    }

    CheckResult otherNamespaceRejected() {
        return mustReject(CheckNames.OTHER_NAMESPACE_REJECTED, tokens.otherNamespace(ref), FindingCode.BINDING_TOO_BROAD,
                Severity.ERROR, "a job of another namespace (" + SyntheticTokens.OTHER_NAMESPACE + ")");
    }

    CheckResult unprotectedRefRejected() {
        return mustReject(CheckNames.UNPROTECTED_REF_REJECTED, tokens.unprotectedRef(), FindingCode.LINT_UNPROTECTED_REF,
                Severity.WARNING, "a job of " + v.gitlabProjectPath() + " on the unprotected branch " + SyntheticTokens.UNPROTECTED_REF);
    }

    /** Passes when no account of the setup admits {@code claims}; names which one does otherwise. */
    private CheckResult mustReject(String name, Map<String, Object> claims, FindingCode code, Severity severity, String who) {
        if (state.provider().isEmpty()) {
            return CheckResult.skipped(Layer.PREFLIGHT, name, "no provider to judge the token with");
        }
        List<String> admitting = new ArrayList<>();
        String why = "";
        for (SetupValues.Account a : v.serviceAccounts()) {
            if (!state.accountExists(a)) {
                continue;
            }
            Diagnosis d = diagnose(claims, a);
            if (d.passed()) {
                admitting.add(a.email());
            } else if (why.isEmpty()) {
                why = d.findings().stream().filter(f -> f.severity() == Severity.ERROR).findFirst()
                        .map(f -> f.code() + ": " + f.message()).orElse("");
            }
        }
        if (admitting.isEmpty()) {
            return CheckResult.pass(Layer.PREFLIGHT, name, who + " is refused" + (why.isEmpty() ? "" : " (" + why + ")"));
        }
        Finding f = new Finding(code, severity, who + " may impersonate " + String.join(", ", admitting)
                + ": the provider's condition and the account's bindings both admit it.",
                "narrow gcp.provider.attributeCondition (e.g. assertion.namespace_path == \"" + namespace()
                        + "\" && assertion.ref_protected == \"true\") and re-apply", Map.of("sub", String.valueOf(claims.get("sub"))));
        return CheckResult.fail(Layer.PREFLIGHT, name, who + " is admitted by " + String.join(", ", admitting), List.of(f),
                "", List.of(SetupStepIds.PROVIDER));
    }

    private String namespace() {
        String p = v.gitlabProjectPath();
        return p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : p;
    }
}
