package dev.wifdesk.model;

/** How bad a finding is; {@code verdict} is fail exactly when one finding is an ERROR. */
public enum Severity {
    ERROR, WARNING, INFO;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
