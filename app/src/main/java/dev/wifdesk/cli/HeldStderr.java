package dev.wifdesk.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Holds back what is printed on stderr while the JavaFX toolkit starts: when it fails, JavaFX may
 * print a stack trace of its own before throwing, and a person should get one clear message
 * instead. When the toolkit is up, the held text is printed after all, so nothing is lost.
 */
final class HeldStderr {
    private final PrintStream original;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private boolean released;

    private HeldStderr(PrintStream original) {
        this.original = original;
    }

    static HeldStderr hold() {
        // java.util.logging's console handler keeps the stderr it finds when made: make it now, on the real one
        java.util.logging.Logger.getLogger("").getHandlers();
        HeldStderr h = new HeldStderr(System.err);
        System.setErr(new PrintStream(h.held, true, StandardCharsets.UTF_8));
        return h;
    }

    /** Restores stderr; {@code replay}: print what was held on it. Later calls do nothing. */
    synchronized void release(boolean replay) {
        if (released) {
            return;
        }
        released = true;
        System.err.flush();
        System.setErr(original);
        if (replay && held.size() > 0) {
            original.print(held.toString(StandardCharsets.UTF_8));
            original.flush();
        }
    }

    synchronized boolean released() {
        return released;
    }

    synchronized String text() {
        return held.toString(StandardCharsets.UTF_8);
    }
}
