package dev.wifdesk.diagnose;

import dev.wifdesk.model.Issuers;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The token's {@code iss} against the provider's {@code oidc.issuerUri} (exact string match, as STS does). */
final class IssuerStage implements DiagnosisStage {

    @Override
    public Stage stage() {
        return Stage.ISSUER;
    }

    @Override
    public StageResult run(DiagnosisContext ctx) {
        String configured = ctx.provider().map(ProviderInfo::issuerUri).orElse(null);
        List<String> expected = configured != null ? List.of(configured)
                : ctx.errorMatch(KnownError.ISSUER_MISMATCH).map(m -> Arrays.stream(m.value("expected").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
        String iss = ctx.issuer().orElse(null);
        boolean fromError = ctx.claims().isEmpty();
        String fixTarget = iss == null ? "ISSUER" : iss;
        if (configured != null && !configured.toLowerCase(Locale.ROOT).startsWith("https://")) {
            ctx.add(FindingCode.ISSUER_NOT_HTTPS, Severity.ERROR, "The provider's issuer '" + configured
                            + "' is not https; IAM requires an https issuer URI.",
                    Fixes.updateProvider(ctx.providerRef().orElse(null), "--issuer-uri=" + httpsOf(iss != null ? iss : configured)),
                    DiagnosisContext.evidence("issuerUri", configured));
        }
        if (iss == null || expected.isEmpty()) {
            if (iss != null && ctx.errorSays(KnownError.ISSUER_NOT_FOUND)) {
                ctx.add(FindingCode.ISSUER_MISMATCH, Severity.ERROR, "STS found no provider for the issuer '" + iss
                                + "': the provider the job targets has another issuer URI.",
                        Fixes.updateProvider(ctx.providerRef().orElse(null), "--issuer-uri=" + iss)
                                + " (or point the job at the provider created for this issuer)",
                        DiagnosisContext.evidence("catalogue", "#4", "tokenIssuer", iss));
                return StageResult.fail(Stage.ISSUER, "error text: issuer " + iss + " not configured");
            }
            return ctx.has(FindingCode.ISSUER_NOT_HTTPS) ? StageResult.fail(Stage.ISSUER, "provider issuer is not https")
                    : StageResult.skipped(Stage.ISSUER, iss == null ? "token issuer unknown" : "provider issuer unknown");
        }
        if (expected.contains(iss)) {
            return ctx.has(FindingCode.ISSUER_NOT_HTTPS) ? StageResult.fail(Stage.ISSUER, "provider issuer is not https")
                    : StageResult.pass(Stage.ISSUER, "iss " + iss + " matches the provider");
        }
        String exp = expected.get(0);
        String fix = Fixes.updateProvider(ctx.providerRef().orElse(null), "--issuer-uri=" + fixTarget);
        var evidence = DiagnosisContext.evidence("expected", String.join(",", expected), "actual", iss,
                "source", fromError ? "error text" : "token");
        if (Issuers.stripSlash(iss).equals(Issuers.stripSlash(exp))) {
            ctx.add(FindingCode.ISSUER_TRAILING_SLASH, Severity.ERROR, "The token's issuer '" + iss + "' and the provider's '"
                    + exp + "' differ only by a trailing slash; STS compares them exactly.", fix, evidence);
            return StageResult.fail(Stage.ISSUER, "issuers differ by a trailing slash");
        }
        String why = "";
        if (iss.startsWith(Issuers.GITLAB_INTEGRATION_PREFIX) || exp.startsWith(Issuers.GITLAB_INTEGRATION_PREFIX)) {
            why = " One side uses GitLab's 'Google Cloud IAM' integration issuer (" + Issuers.GITLAB_INTEGRATION_PREFIX
                    + "<group>), the other a GitLab instance's own issuer: the two setups must not be mixed.";
        } else if (iss.equalsIgnoreCase(exp)) {
            why = " They differ only in upper/lower case at " + TextDiff.describe(exp, iss) + ".";
        } else if (httpsOf(iss).equals(httpsOf(exp))) {
            why = " They differ in the scheme (http vs https).";
        } else if (!Issuers.isMultiTenant(iss) && Issuers.isMultiTenant(exp)) {
            why = " The job runs on a self-managed GitLab; its tokens carry that instance's URL as issuer.";
        }
        ctx.add(FindingCode.ISSUER_MISMATCH, Severity.ERROR, "The token's issuer '" + iss + "' is not the provider's issuer '"
                + exp + "'." + why, fix + " (or create a provider for this issuer)", evidence);
        return StageResult.fail(Stage.ISSUER, "iss " + iss + " != " + exp);
    }

    private static String httpsOf(String s) {
        return s.startsWith("http://") ? "https://" + s.substring(7) : s;
    }
}
