package dev.wifdesk.ui.support;

import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import dev.wifdesk.ui.diagnostics.DiagnosisReport;
import dev.wifdesk.ui.diagnostics.DiagnosisRequest;
import dev.wifdesk.ui.diagnostics.DiagnosisService;
import dev.wifdesk.diagnose.fix.TokenClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A double of the UI's {@link DiagnosisService} for screen tests: judges only the audience
 * (accepted when listed in the provider's allowed audiences) so the screen flow can be driven.
 */
public final class AudienceOnlyEngine implements DiagnosisService {
    public final List<DiagnosisRequest> requests = new ArrayList<>();

    @Override
    public DiagnosisReport diagnose(DiagnosisRequest request) {
        requests.add(request);
        var claims = TokenClaims.decode(request.token());
        if (claims.isEmpty()) {
            return new DiagnosisReport(List.of(new DiagnosisReport.Stage("token", DiagnosisReport.Status.FAIL, "not a JWT")),
                    List.of(new Finding(FindingCode.TOKEN_MALFORMED, Severity.ERROR, "Not a compact JWT.", "", Map.of())));
        }
        List<String> allowed = request.provider().map(p -> p.getOidc().getAllowedAudiences()).orElse(List.of());
        List<String> aud = TokenClaims.audiences(claims.get());
        boolean ok = aud.stream().anyMatch(allowed::contains);
        List<DiagnosisReport.Stage> stages = List.of(
                new DiagnosisReport.Stage("token", DiagnosisReport.Status.PASS, "decoded"),
                new DiagnosisReport.Stage("audience", ok ? DiagnosisReport.Status.PASS : DiagnosisReport.Status.FAIL,
                        String.join(", ", aud)),
                new DiagnosisReport.Stage("binding", DiagnosisReport.Status.SKIPPED, "no policy given"));
        List<Finding> findings = ok ? List.of() : List.of(new Finding(FindingCode.AUDIENCE_TYPO, Severity.ERROR,
                "The token's audience is not accepted.", "Add " + aud.get(0) + " to the allowed audiences.",
                Map.of("tokenAudience", aud.get(0), "allowedAudiences", String.join(", ", allowed))));
        return new DiagnosisReport(stages, findings);
    }
}
