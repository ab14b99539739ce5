package dev.wifdesk.sandbox.archfixture;

/** Breaks "sandbox uses only model, cel and cloud" on purpose (for ArchitectureRulesTest only). */
public final class SandboxUsingUi {
    dev.wifdesk.ui.connection.Connection.TargetKind kind = dev.wifdesk.ui.connection.Connection.TargetKind.SANDBOX;
    dev.wifdesk.model.Severity severity; // allowed: model
}
