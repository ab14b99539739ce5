package dev.wifdesk.model.archfixture;

/** Breaks "model imports no JavaFX" on purpose (for ArchitectureRulesTest only). */
public final class ModelUsingJavaFx {
    final javafx.beans.property.StringProperty name = new javafx.beans.property.SimpleStringProperty();
}
