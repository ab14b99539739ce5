package dev.wifdesk.ui;

import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.ui.connection.SandboxLauncher;
import dev.wifdesk.ui.diagnostics.EngineDiagnosisService;

/**
 * The composition root (with {@link EmbeddedSandboxLauncher}): the services that come from other
 * layers (sandbox, diagnose), plugged in in one place. The architecture test allows only these
 * UI classes to import {@code sandbox}.
 */
final class Wiring {
    private Wiring() {
    }

    static SandboxLauncher sandboxLauncher() {
        return new EmbeddedSandboxLauncher(SandboxOptions.defaults());
    }

    static LazyDiagnosisService diagnosisService() {
        return new LazyDiagnosisService(() -> new EngineDiagnosisService(new DiagnosisEngine()));
    }
}
