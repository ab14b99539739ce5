package dev.wifdesk.ui.archfixture;

/** Uses only what its layer may (for ArchitectureRulesTest only): the rules must not flag it. */
public final class ClassesThatObey {
    dev.wifdesk.model.Severity severity;
    javafx.beans.property.BooleanProperty busy;
}
