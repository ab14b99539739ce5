package dev.wifdesk.ui.diagnostics;

/** Runs the diagnosis (pure, may take a moment on big inputs: call it from a background task). */
public interface DiagnosisService {
    DiagnosisReport diagnose(DiagnosisRequest request);
}
