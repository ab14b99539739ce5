package dev.wifdesk.diagnose;

/** One step of the walk STS and IAM do; adds findings to the context and reports its status. */
interface DiagnosisStage {
    StageResult run(DiagnosisContext ctx);
}
