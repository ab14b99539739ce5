package dev.wifdesk.verify;

/**
 * Progress of a verification, for a checklist that fills as it runs (called on the verifying
 * thread: a GUI hands each call to its FX thread itself). Every method has a do-nothing default.
 */
public interface VerifyListener {
    VerifyListener NONE = new VerifyListener() {
    };

    default void started(Layer layer, String check) {
    }

    default void finished(CheckResult result) {
    }

    /** A check waits before retrying (e.g. IAM propagation): {@code secondsLeft} until the next try, {@code why} says what. */
    default void waiting(Layer layer, String check, long secondsLeft, String why) {
    }
}
