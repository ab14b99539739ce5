package dev.wifdesk.ui.core;

/** A screen's controller that follows app-wide state (connection, shared view models) and lets go of it when the window closes. */
public interface Disposable {
    void dispose();
}
