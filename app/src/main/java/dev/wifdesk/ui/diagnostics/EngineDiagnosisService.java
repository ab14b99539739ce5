package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.ProviderJson;

import dev.wifdesk.diagnose.Diagnosis;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.diagnose.DiagnosisInput;
import dev.wifdesk.diagnose.ProviderInfo;
import dev.wifdesk.diagnose.StageResult;

/**
 * The screen's {@link DiagnosisService} on the real {@link DiagnosisEngine}. The provider the
 * IAM client returned is handed over as the same JSON the API sent, so the engine judges exactly
 * what Google (or the sandbox) holds.
 */
public final class EngineDiagnosisService implements DiagnosisService {
    private final DiagnosisEngine engine;

    public EngineDiagnosisService(DiagnosisEngine engine) {
        this.engine = engine;
    }

    @Override
    public DiagnosisReport diagnose(DiagnosisRequest request) {
        DiagnosisInput.Builder input = DiagnosisInput.builder()
                .token(request.hasToken() ? request.token() : null)
                .errorText(request.hasErrorText() ? request.errorText() : null)
                .projectNumber(request.projectNumber())
                .now(request.now());
        request.provider().ifPresent(p -> input.provider(ProviderInfo.fromJson(ProviderJson.toJson(p))));
        DiagnosisRequest.LiveInputs live = request.live();
        if (!live.serviceAccount().isBlank()) {
            input.serviceAccount(live.serviceAccount());
        }
        if (live.policy() != null) {
            input.policy(live.policy());
        }
        if (live.pool() != null) {
            input.pool(live.pool());
        }
        if (!live.jwksJson().isBlank()) {
            input.jwksJson(live.jwksJson());
        }
        return report(engine.diagnose(input.build()));
    }

    /** The engine's diagnosis as the screen shows it (also used for the latest failures' jobs). */
    public static DiagnosisReport report(Diagnosis d) {
        return new DiagnosisReport(d.stages().stream().map(EngineDiagnosisService::stage).toList(), d.findings());
    }

    private static DiagnosisReport.Stage stage(StageResult r) {
        DiagnosisReport.Status status = switch (r.status()) {
            case PASS -> DiagnosisReport.Status.PASS;
            case FAIL -> DiagnosisReport.Status.FAIL;
            case SKIPPED -> DiagnosisReport.Status.SKIPPED;
        };
        return new DiagnosisReport.Stage(r.stage().wireName(), status, r.detail());
    }
}
