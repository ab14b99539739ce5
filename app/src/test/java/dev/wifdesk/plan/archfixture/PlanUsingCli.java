package dev.wifdesk.plan.archfixture;

/** Breaks "plan uses no ui, cli or sandbox" on purpose (for ArchitectureRulesTest only). */
public final class PlanUsingCli {
    Class<?> command = dev.wifdesk.cli.WifdeskCommand.class;
}
