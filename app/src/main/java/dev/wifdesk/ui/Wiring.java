package dev.wifdesk.ui;

import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.ui.connection.EmbeddedSandboxLauncher;
import dev.wifdesk.ui.connection.SandboxLauncher;
import dev.wifdesk.ui.diagnostics.DiagnosisService;
import dev.wifdesk.ui.diagnostics.EngineDiagnosisService;

/** The services that come from other layers (sandbox, diagnose): one place to plug them in. */
final class Wiring {
    private Wiring() {
    }

    static SandboxLauncher sandboxLauncher() {
        return new EmbeddedSandboxLauncher(SandboxOptions.defaults());
    }

    static DiagnosisService diagnosisService() {
        return new EngineDiagnosisService(new DiagnosisEngine());
    }
}
