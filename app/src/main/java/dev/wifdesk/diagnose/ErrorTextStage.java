package dev.wifdesk.diagnose;

import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The error text: every catalogue entry recognised gets its finding, unless an earlier stage
 * (which ran on the values the text carried) already explained it with the same code.
 * Unknown text gives ERROR_UNRECOGNIZED with the closest known error and, when the text shows a
 * failure, FAILURE_UNEXPLAINED ({@link UnexplainedFailure}). Dataflow, API and storage texts are
 * explained by {@link DataflowErrors} and {@link StorageErrors}.
 */
final class ErrorTextStage implements DiagnosisStage {
    private final ErrorCatalogue catalogue;

    ErrorTextStage(ErrorCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public Stage stage() {
        return Stage.ERROR_TEXT;
    }

    @Override
    public StageResult run(DiagnosisContext ctx) {
        if (ctx.input().errorText().isEmpty()) {
            return StageResult.skipped(Stage.ERROR_TEXT, "no error text given");
        }
        List<ErrorMatch> roots = ctx.errorMatches().stream().filter(m -> !m.error().consequence()).toList();
        List<ErrorMatch> consequences = ctx.errorMatches().stream().filter(m -> m.error().consequence()).toList();
        if (roots.isEmpty()) {
            return UnexplainedFailure.report(ctx, catalogue, consequences);
        }
        // text order: the first root cause leads; a consequence of it (an anonymous 401 after a failed exchange) is no finding
        List<String> seen = new ArrayList<>();
        for (ErrorMatch m : roots) {
            seen.add("#" + m.error().number());
            explain(ctx, m);
        }
        boolean error = ctx.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR);
        String detail = "recognised " + String.join(", ", seen.stream().distinct().toList())
                + (consequences.isEmpty() ? "" : "; not a cause of its own: #30 (anonymous Cloud Storage call)");
        return error ? StageResult.fail(Stage.ERROR_TEXT, detail) : StageResult.pass(Stage.ERROR_TEXT, detail);
    }

    private void explain(DiagnosisContext ctx, ErrorMatch m) {
        var ref = ctx.providerRef().orElse(null);
        String sa = ctx.serviceAccount().orElse(null);
        String n = "#" + m.error().number();
        switch (m.error()) {
            case AUDIENCE_MISMATCH -> once(ctx, FindingCode.AUDIENCE_MISMATCH, Severity.ERROR, "STS did not accept the token's "
                            + "audience '" + m.value("aud") + "'. Once a provider has allowed audiences, its default audience is no "
                            + "longer accepted.", "Give the provider (--provider) to see the accepted audiences; then set the job's "
                            + "id_tokens aud to one of them or add it: " + Fixes.updateProvider(ref, "--allowed-audiences=" + m.value("aud")),
                    Map.of("catalogue", n, "actual", m.value("aud")));
            case CONDITION_REJECTED -> {
                if (!ctx.has(FindingCode.CONDITION_REJECTED) && !ctx.has(FindingCode.CONDITION_ERROR)) {
                    ctx.add(FindingCode.CONDITION_REJECTED, Severity.ERROR, "STS says the attribute condition rejected the "
                            + "token.", "Give the token's claims and the provider to see which part is false.", Map.of("catalogue", n));
                }
            }
            case ISSUER_MISMATCH, ISSUER_NOT_FOUND -> {
                if (!ctx.has(FindingCode.ISSUER_TRAILING_SLASH)) {
                    once(ctx, FindingCode.ISSUER_MISMATCH, Severity.ERROR, "STS says the token's issuer '" + m.value("iss")
                                    + "' is not the provider's" + (m.value("expected") == null ? "" : " ('" + m.value("expected") + "')") + ".",
                            Fixes.updateProvider(ref, "--issuer-uri=" + m.value("iss")), DiagnosisContext.evidence("catalogue", n,
                                    "actual", m.value("iss"), "expected", m.value("expected")));
                }
            }
            case TOKEN_STALE -> once(ctx, FindingCode.TOKEN_EXPIRED, Severity.ERROR, "STS says the token (issued at "
                            + m.value("iat") + ") is stale.", "Exchange the token right after the job receives it; fix the runner clock.",
                    Map.of("catalogue", n));
            case SIGNATURE_INVALID -> once(ctx, FindingCode.TOKEN_SIGNATURE_INVALID, Severity.ERROR,
                    "STS could not verify the token's signature.", "Refresh the provider's inline JWKS (--jwk-json-path) or check "
                            + "the token's issuer.", Map.of("catalogue", n));
            case ISSUER_UNREACHABLE -> once(ctx, FindingCode.TOKEN_KEY_NOT_FOUND, Severity.ERROR, "STS could not reach the "
                    + "issuer's keys or find the token's key id.", "Upload the issuer's JWKS inline: "
                    + Fixes.updateProvider(ref, "--jwk-json-path=jwks.json"), Map.of("catalogue", n));
            case INVALID_TARGET -> invalidTarget(ctx, n);
            case INVALID_AUDIENCE_PARAMETER -> {
                if (!ctx.has(FindingCode.AUDIENCE_POOL_NOT_PROVIDER) && !ctx.has(FindingCode.AUDIENCE_MISSING_PREFIX)) {
                    String target = ctx.providerRefWithNumber().map(r -> "//iam.googleapis.com/" + r.name())
                            .orElse("//iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER");
                    ctx.add(FindingCode.AUDIENCE_MISSING_PREFIX, Severity.ERROR, "The audience the job sends to STS is not a "
                                    + "provider's full resource name: it lacks the //iam.googleapis.com/ prefix, carries it twice "
                                    + "(gcloud's create-cred-config prefixes its AUDIENCE argument) or names the pool instead of "
                                    + "a provider (…/providers/PROVIDER).",
                            "Set the credential configuration's \"audience\" to " + target + " (with gcloud: "
                                    + "create-cred-config \"${WIF_PROVIDER#//iam.googleapis.com/}\")",
                            Map.of("catalogue", n, "expected", target));
                }
            }
            case SUBJECT_TOO_LONG, SUBJECT_NOT_STRING -> {
                // the mapping stage explains these, with the provider's mapping when given
            }
            case GET_ACCESS_TOKEN_DENIED, CALLER_NO_PERMISSION -> {
                String causes = ctx.findings().stream().filter(f -> f.code().name().startsWith("BINDING_")
                        && f.severity() == Severity.ERROR).map(f -> f.code().name()).distinct().reduce((a, b) -> a + ", " + b)
                        .map(s -> " The policy shows why: " + s + ".").orElse(ctx.input().policy().isPresent() ? ""
                                : " Usual causes: the principalSet uses the project ID or another pool, an attribute the provider "
                                + "does not map, a value in another case, or the role is missing.");
                once(ctx, FindingCode.PERMISSION_DENIED_GET_ACCESS_TOKEN, Severity.ERROR, "IAM refused to let the federated "
                                + "identity impersonate the service account" + (sa == null ? "" : " " + sa) + "." + causes,
                        ctx.input().policy().isPresent() ? "See the binding findings; grant "
                                + BindingStage.WORKLOAD_IDENTITY_USER + " to the token's principalSet."
                                : "Give the service account policy (--policy) and the token, or grant: "
                                + Fixes.addSaBinding(sa, "principalSet://iam.googleapis.com/projects/NUMBER/locations/global/"
                                + "workloadIdentityPools/POOL/attribute.project_path/GROUP/PROJECT", BindingStage.WORKLOAD_IDENTITY_USER),
                        Map.of("catalogue", n));
                once(ctx, FindingCode.PROPAGATION_DELAY, Severity.INFO, "If the binding was added in the last ~7 minutes, "
                                + "IAM may not have propagated it yet (usually ~2 min, sometimes 7 or more).",
                        "Retry the job with backoff for up to 10 minutes before changing anything.", Map.of("catalogue", n));
            }
            case INVALID_AUTH_CREDENTIALS -> once(ctx, FindingCode.FEDERATED_TOKEN_NOT_ACCEPTED, Severity.ERROR,
                    "An API was called with the federated (STS) token itself; this API needs a service account access token, "
                            + "so the credential configuration must impersonate a service account.",
                    "Regenerate the credential configuration with impersonation: gcloud iam workload-identity-pools "
                            + "create-cred-config " + ctx.providerRefWithNumber().map(r -> r.name()).orElse("PROVIDER_NAME")
                            + " --service-account=" + (sa == null ? "SA_EMAIL" : sa)
                            + " --credential-source-file=TOKEN_FILE --output-file=credentials.json",
                    Map.of("catalogue", n));
            case CONDITION_MUST_REFERENCE_CLAIMS -> once(ctx, FindingCode.CONDITION_MISSING, Severity.ERROR,
                    "IAM refused the provider: its attribute condition must read at least one of the token's claims.",
                    Fixes.updateProvider(ref, "--attribute-condition=" + Fixes.shellQuote("assertion.namespace_path == \""
                            + ctx.claim("namespace_path").orElse("YOUR_GROUP") + "\"")), Map.of("catalogue", n));
            case ALREADY_EXISTS -> alreadyExists(ctx, n);
            case ISSUER_NOT_HTTPS -> once(ctx, FindingCode.ISSUER_NOT_HTTPS, Severity.ERROR,
                    "IAM refused the issuer URI: it must be https.",
                    Fixes.updateProvider(ref, "--issuer-uri=https://" + ctx.provider().map(ProviderInfo::issuerUri)
                            .map(u -> u.replaceFirst("^[a-zA-Z]+://", "")).orElse("gitlab.example.com")), Map.of("catalogue", n));
            case CANNOT_ACT_AS -> {
                String worker = m.value("sa");
                String launcher = ctx.input().serviceAccount().orElse(null);
                String member = launcher == null ? "serviceAccount:LAUNCHER_SA_EMAIL" : "serviceAccount:" + launcher;
                once(ctx, FindingCode.DATAFLOW_ACT_AS_DENIED, Severity.ERROR, "Dataflow refused the launch: the identity that "
                                + "launches the job" + (launcher == null ? "" : " (" + launcher + ")") + " may not act as the worker "
                                + "service account " + worker + "; it needs roles/iam.serviceAccountUser on it.",
                        "gcloud iam service-accounts add-iam-policy-binding " + worker + " --member=" + member
                                + " --role=roles/iam.serviceAccountUser",
                        DiagnosisContext.evidence("catalogue", n, "workerServiceAccount", worker, "launcher", launcher));
            }
            case EXTERNAL_ACCOUNT_NOT_RECOGNIZED -> once(ctx, FindingCode.AUTH_LIBRARY_TOO_OLD, Severity.ERROR,
                    "The job's Google auth library is too old to read an external_account credential file (federation): "
                            + "the job image bundles an old google-auth-library (e.g. through an old Apache Beam).",
                    "Upgrade the job image's Google auth library to a release with workload identity federation "
                            + "(google-auth-library-java 0.24.0 added it; in Python/Go/Node use a current google-auth), e.g. "
                            + "through a current Beam SDK; check the job's dependency tree for an older copy winning.",
                    Map.of("catalogue", n));
            case LIFETIME_TOO_LONG -> once(ctx, FindingCode.TOKEN_LIFETIME_TOO_LONG, Severity.ERROR,
                    "The requested access token lifetime is over 3600 seconds, or the caller's clock is so far off that the "
                            + "computed lifetime exceeds it.",
                    "Request at most 3600s (credential config service_account_impersonation.token_lifetime_seconds <= 3600) "
                            + "and fix the runner's time sync (NTP).", Map.of("catalogue", n));
            case GITLAB_ID_TOKEN_DISABLED -> once(ctx, FindingCode.CI_NO_ID_TOKEN, Severity.ERROR,
                    "GitLab refuses to issue ID tokens for this project because its path was used by a different project "
                            + "before (protection against token confusion); the job gets no ID token.",
                    "Move or rename the project to a path that was never used by another project, or ask the GitLab "
                            + "administrator to clear the old path's redirect; then re-run.", Map.of("catalogue", n));
            case CONCURRENT_POLICY_CHANGES -> once(ctx, FindingCode.POLICY_CONCURRENT_CHANGE, Severity.WARNING,
                    "The IAM policy update was refused because someone changed the policy between read and write (stale "
                            + "etag); the binding may not have been added.",
                    "Retry the whole get-policy, modify, set-policy with exponential backoff (gcloud add-iam-policy-binding "
                            + "does this); then check the binding exists.", Map.of("catalogue", n));
            case DISCOVERY_ISSUER_MISMATCH -> discoveryIssuerMismatch(ctx, ref);
            case MISSING_SUBJECT_TOKEN, CREDENTIAL_FILE_NOT_FOUND -> once(ctx, FindingCode.CI_NO_ID_TOKEN, Severity.ERROR,
                    "The job wrote no ID token into the file its credential configuration reads (credential_source.file"
                            + (m.value("file") == null ? "" : " '" + m.value("file") + "'") + "): the job has no id_tokens entry, "
                            + "or it still uses CI_JOB_JWT_V2, which GitLab removed.",
                    "Declare the token in the job and write it before authenticating: id_tokens: { GCP_ID_TOKEN: { aud: "
                            + ctx.audiences().stream().findFirst().orElse("AUDIENCE") + " } } and echo \"$GCP_ID_TOKEN\" > "
                            + (m.value("file") == null ? "TOKEN_FILE" : m.value("file")),
                    DiagnosisContext.evidence("catalogue", n, "file", m.value("file")));
            default -> {
                if (!DataflowErrors.explain(ctx, m)) {
                    StorageErrors.explainIfStorage(ctx, m);
                }
            }
        }
    }

    /** #31: the issuer's discovery document names another issuer than the provider's issuerUri. */
    private static void discoveryIssuerMismatch(DiagnosisContext ctx, ResourceNames.ProviderRef ref) {
        String configured = ctx.provider().map(ProviderInfo::issuerUri).orElse(null);
        if (configured != null && configured.endsWith("/")) {
            String bare = configured.replaceAll("/+$", "");
            once(ctx, FindingCode.ISSUER_TRAILING_SLASH, Severity.ERROR, "The provider's issuer URI '" + configured + "' ends "
                            + "with a slash; the issuer's discovery document says '" + bare + "', and STS compares them exactly.",
                    Fixes.updateProvider(ref, "--issuer-uri=" + bare), DiagnosisContext.evidence("catalogue", "#31",
                            "actual", configured, "expected", bare));
            return;
        }
        String issuer = configured != null ? configured : ctx.issuer().orElse("ISSUER");
        once(ctx, FindingCode.ISSUER_MISMATCH, Severity.ERROR, "STS read the issuer's discovery document (" + issuer
                        + "/.well-known/openid-configuration) and its 'issuer' is not the provider's issuer URI"
                        + (configured == null ? "" : " '" + configured + "'") + ": a self-managed GitLab names its external_url "
                        + "there, exactly as configured (scheme, host, no trailing slash).",
                "Read the issuer the document names (curl -s " + issuer + "/.well-known/openid-configuration) and set it: "
                        + Fixes.updateProvider(ref, "--issuer-uri=ISSUER_FROM_DISCOVERY"),
                DiagnosisContext.evidence("catalogue", "#31", "actual", configured));
    }

    private static void invalidTarget(DiagnosisContext ctx, String n) {
        for (FindingCode c : List.of(FindingCode.POOL_DISABLED, FindingCode.POOL_DELETED, FindingCode.PROVIDER_DISABLED,
                FindingCode.PROVIDER_DELETED, FindingCode.AUDIENCE_PROJECT_ID, FindingCode.AUDIENCE_POOL_NOT_PROVIDER,
                FindingCode.AUDIENCE_MISSING_PREFIX)) {
            if (ctx.has(c)) {
                return;
            }
        }
        String target = ctx.providerRefWithNumber().map(r -> "//iam.googleapis.com/" + r.name()).orElse(null);
        if (missingProviderOrPool(ctx, n)) {
            return;
        }
        ctx.add(FindingCode.AUDIENCE_MISMATCH, Severity.ERROR, "STS found no usable provider for the audience the job sent "
                        + "(invalid_target). One of: the pool or provider is disabled or deleted, it does not exist (typo in "
                        + "pool/provider id), or the audience uses the project ID instead of the project NUMBER."
                        + (ctx.provider().isPresent() && ctx.input().pool().isPresent() ? " The given pool and provider are active, "
                        + "so check the audience the job sends." : " Give --pool and --provider to tell which."),
                target == null ? "Check the credential configuration's \"audience\": //iam.googleapis.com/projects/NUMBER/"
                        + "locations/global/workloadIdentityPools/POOL/providers/PROVIDER, and that both are ACTIVE and enabled."
                        : "Set the credential configuration's \"audience\" to " + target + ".",
                DiagnosisContext.evidence("catalogue", n, "expected", target));
    }

    /** IAM answered 404 for the provider (or its pool) the job names: say exactly that. */
    private static boolean missingProviderOrPool(DiagnosisContext ctx, String n) {
        var ref = ctx.input().stsAudience().flatMap(ResourceNames::parseProvider);
        if (ref.isEmpty()) {
            return false;
        }
        ResourceNames.ProviderRef r = ref.get();
        boolean poolMissing = ctx.input().isNotFound(r.poolName());
        if (!poolMissing && !ctx.input().isNotFound(r.name())) {
            return false;
        }
        String what = poolMissing ? "pool " + r.poolId() : "provider " + r.providerId() + " (pool " + r.poolId() + ")";
        ctx.add(FindingCode.AUDIENCE_MISMATCH, Severity.ERROR, "The audience the job sends to STS names the " + what
                        + ", which does not exist in project " + r.project() + " (IAM answers 404): it was never created, "
                        + "was purged after deletion, or its id has a typo.",
                "List what exists: gcloud iam workload-identity-pools " + (poolMissing ? "list" : "providers list "
                        + "--workload-identity-pool=" + r.poolId()) + " --location=global --project=" + r.project()
                        + " --show-deleted; then set the credential configuration's \"audience\" to an existing provider.",
                DiagnosisContext.evidence("catalogue", n, "notFound", poolMissing ? r.poolName() : r.name()));
        return true;
    }

    private static void alreadyExists(DiagnosisContext ctx, String n) {
        String text = ctx.input().errorText().orElse("").toLowerCase(Locale.ROOT);
        boolean provider = text.contains("provider");
        FindingCode code = provider ? FindingCode.PROVIDER_DELETED : FindingCode.POOL_DELETED;
        once(ctx, code, Severity.ERROR, "IAM says the " + (provider ? "provider" : "pool") + " id already exists: a deleted "
                        + (provider ? "provider" : "pool") + " keeps its id for 30 days (soft delete), so it cannot be reused.",
                provider ? "Undelete it (gcloud iam workload-identity-pools providers undelete PROVIDER --location=global "
                        + "--workload-identity-pool=POOL) or choose a new provider id."
                        : "Undelete it (gcloud iam workload-identity-pools undelete POOL --location=global) or choose a new pool id.",
                Map.of("catalogue", n));
    }

    private static void once(DiagnosisContext ctx, FindingCode code, Severity severity, String message, String fix,
                             Map<String, String> evidence) {
        if (!ctx.has(code)) {
            ctx.add(code, severity, message, fix, evidence);
        }
    }
}
