package dev.wifdesk.diagnose;

/** One step of the walk STS and IAM do; adds findings to the context and reports its status. */
interface DiagnosisStage {
    /** Which step this is (named in the stage ladder and in an INTERNAL_ERROR finding). */
    Stage stage();

    StageResult run(DiagnosisContext ctx);
}
