package dev.wifdesk.diagnose.archfixture;

/** Breaks "nothing but the composition root imports sandbox" on purpose (for ArchitectureRulesTest only). */
public final class DiagnoseUsingSandbox {
    Object options() {
        return dev.wifdesk.sandbox.SandboxOptions.defaults();
    }
}
