package dev.wifdesk.ui;

import dev.wifdesk.ui.diagnostics.DiagnosisReport;
import dev.wifdesk.ui.diagnostics.DiagnosisRequest;
import dev.wifdesk.ui.diagnostics.DiagnosisService;
import java.util.function.Supplier;

/**
 * A diagnosis service built when first needed, not at start-up: the engine compiles its CEL
 * checks and loads its catalogues (about a third of a second of CPU), which would compete with
 * the window's first frame on a small machine. {@link #warmUp} builds it ahead, off the FX
 * thread, once the window is up; a diagnosis asked for before that builds it itself (diagnoses
 * run in background work, never on the FX thread). Built once, by whichever thread comes first.
 */
final class LazyDiagnosisService implements DiagnosisService {
    private final Supplier<? extends DiagnosisService> build;
    private DiagnosisService built;

    LazyDiagnosisService(Supplier<? extends DiagnosisService> build) {
        this.build = build;
    }

    @Override
    public DiagnosisReport diagnose(DiagnosisRequest request) {
        return service().diagnose(request);
    }

    /** Builds the service on a daemon thread of its own, so the first diagnosis finds it ready. */
    Thread warmUp() {
        Thread thread = new Thread(this::service, "wifdesk-diagnosis-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    synchronized boolean isBuilt() {
        return built != null;
    }

    private synchronized DiagnosisService service() {
        if (built == null) {
            built = build.get();
        }
        return built;
    }
}
