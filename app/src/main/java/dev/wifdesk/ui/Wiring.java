package dev.wifdesk.ui;

import dev.wifdesk.ui.connection.SandboxLauncher;
import dev.wifdesk.ui.diagnostics.DiagnosisService;

/** The services that come from other layers (sandbox, diagnose): one place to plug them in. */
final class Wiring {
    private Wiring() {
    }

    static SandboxLauncher sandboxLauncher() {
        return () -> {
            throw new IllegalStateException("the embedded sandbox is not part of this build yet");
        };
    }

    static DiagnosisService diagnosisService() {
        return request -> {
            throw new IllegalStateException("the diagnosis engine is not part of this build yet");
        };
    }
}
