package dev.wifdesk.diagnose;

import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The token's {@code aud} against what the provider accepts (allowed audiences, or else the
 * provider's default audience with and without {@code https:}), and the STS {@code audience}
 * parameter against the provider's full name.
 */
final class AudienceStage implements DiagnosisStage {

    /** What the provider accepts, or empty when the provider (or its name) is unknown. */
    static Optional<AudienceNearMiss.Rules> rules(DiagnosisContext ctx) {
        if (ctx.provider().isEmpty()) {
            return Optional.empty();
        }
        ProviderInfo p = ctx.provider().get();
        var ref = ctx.providerRefWithNumber().orElse(null);
        List<String> defaults = ref == null ? List.of() : ResourceNames.defaultAudiences(ref.name());
        boolean explicit = !p.allowedAudiences().isEmpty();
        List<String> accepted = explicit ? p.allowedAudiences() : defaults;
        if (accepted.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AudienceNearMiss.Rules(accepted, explicit, defaults, ref, ctx.projectNumber().orElse(null),
                ctx.input().projectId().orElse(null)));
    }

    @Override
    public Stage stage() {
        return Stage.AUDIENCE;
    }

    @Override
    public StageResult run(DiagnosisContext ctx) {
        Optional<AudienceNearMiss.Rules> rules = rules(ctx);
        List<String> details = new ArrayList<>();
        boolean failed = false;
        if (ctx.input().stsAudience().isPresent()) {
            failed |= checkStsAudience(ctx, ctx.input().stsAudience().get(), details);
        }
        List<String> auds = ctx.audiences();
        if (auds.isEmpty() || rules.isEmpty()) {
            if (details.isEmpty()) {
                return StageResult.skipped(Stage.AUDIENCE, auds.isEmpty() ? "token audience unknown" : "provider unknown");
            }
            return failed ? StageResult.fail(Stage.AUDIENCE, String.join("; ", details))
                    : StageResult.pass(Stage.AUDIENCE, String.join("; ", details));
        }
        AudienceNearMiss.Rules r = rules.get();
        Optional<String> ok = auds.stream().filter(r::accepts).findFirst();
        if (ok.isPresent()) {
            details.add(0, "aud " + ok.get() + " is accepted");
            return failed ? StageResult.fail(Stage.AUDIENCE, String.join("; ", details))
                    : StageResult.pass(Stage.AUDIENCE, String.join("; ", details));
        }
        String aud = auds.get(0);
        String source = ctx.claims().isPresent() ? "token" : "error text";
        List<AudienceNearMiss.NearMiss> misses = AudienceNearMiss.analyze(aud, r);
        String accepted = String.join(", ", r.accepted());
        String corrected = misses.isEmpty() ? r.accepted().get(0) : misses.get(0).corrected();
        List<String> widened = new ArrayList<>(r.explicitAllowed() ? r.accepted() : List.of());
        widened.add(aud.strip());
        String fix = "Set the job's id_tokens aud to " + corrected + " (id_tokens: NAME: aud: " + corrected + "), or accept "
                + "this audience: " + Fixes.updateProvider(ctx.providerRef().orElse(null), Fixes.allowedAudiencesFlag(widened));
        ctx.add(FindingCode.AUDIENCE_MISMATCH, Severity.ERROR, "The token's audience '" + aud + "' is not accepted by the "
                        + "provider, which accepts " + (r.explicitAllowed() ? "its allowed audiences " : "its default audience ")
                        + accepted + ".", fix,
                DiagnosisContext.evidence("expected", accepted, "actual", aud, "source", source,
                        "catalogue", ctx.errorSays(KnownError.AUDIENCE_MISMATCH) ? "#1" : null));
        for (AudienceNearMiss.NearMiss m : misses) {
            ctx.add(m.code(), Severity.ERROR, "The audience '" + aud + "' is a near miss: " + m.explanation() + ".",
                    m.corrected() == null ? fix : "Use " + m.corrected() + " as the job's id_tokens aud (id_tokens: NAME: aud: "
                            + m.corrected() + ").",
                    DiagnosisContext.evidence("expected", m.corrected(), "actual", aud));
        }
        details.add(0, "aud " + aud + " not accepted" + (misses.isEmpty() ? "" : " (" + misses.get(0).code() + ")"));
        return StageResult.fail(Stage.AUDIENCE, String.join("; ", details));
    }

    /** The STS audience must be the provider's full resource name. Returns true when a finding was added. */
    private static boolean checkStsAudience(DiagnosisContext ctx, String sts, List<String> details) {
        var ref = ctx.providerRefWithNumber();
        List<String> proper = ref.map(r -> ResourceNames.defaultAudiences(r.name())).orElse(List.of());
        if (!proper.isEmpty() && proper.contains(sts.strip())) {
            details.add("STS audience names the provider");
            return false;
        }
        var rules = new AudienceNearMiss.Rules(proper.isEmpty() ? List.of() : List.of(proper.get(0)), false, proper,
                ref.orElse(null), ctx.projectNumber().orElse(null), ctx.input().projectId().orElse(null));
        List<AudienceNearMiss.NearMiss> misses = AudienceNearMiss.analyze(sts, rules);
        if (misses.isEmpty() && proper.isEmpty()) {
            details.add("STS audience not judged (provider unknown)");
            return false;
        }
        String target = proper.isEmpty() ? "//iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER"
                : proper.get(0);
        String fix = "Set the credential configuration's \"audience\" to " + target
                + " (gcloud iam workload-identity-pools create-cred-config " + ref.map(r -> r.name()).orElse("PROVIDER_NAME")
                + " --service-account=" + ctx.serviceAccount().orElse("SA_EMAIL")
                + " --credential-source-file=TOKEN_FILE --output-file=credentials.json).";
        if (misses.isEmpty()) {
            ctx.add(FindingCode.AUDIENCE_MISMATCH, Severity.ERROR, "The STS audience '" + sts + "' does not name this provider ("
                    + target + ").", fix, DiagnosisContext.evidence("expected", target, "actual", sts, "source", "sts-audience"));
        }
        for (AudienceNearMiss.NearMiss m : misses) {
            ctx.add(m.code(), Severity.ERROR, "The STS audience '" + sts + "' is wrong: " + m.explanation() + ".", fix,
                    DiagnosisContext.evidence("expected", m.corrected() == null ? target : m.corrected(), "actual", sts,
                            "source", "sts-audience"));
        }
        details.add("STS audience " + sts + " is not the provider's name");
        return true;
    }
}
