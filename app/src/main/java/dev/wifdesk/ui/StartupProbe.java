package dev.wifdesk.ui;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * {@code --measure-startup}: the milliseconds from JVM start to the first pulse after the window is
 * shown (CSS and layout of the whole scene done, the frame handed to the renderer), printed as one
 * line {@code startup-ms N}; then the window closes as if the user had closed it. The minimal
 * JavaFX app of the benchmarks uses this same probe, so both are measured alike. The app's first
 * frame is its light start-up view ({@code StartupShell}); the shell's own first frame, which
 * follows once the services are built, is printed on stderr as {@code shell-ms N}, then the window
 * closes.
 */
public final class StartupProbe {
    public static final String PREFIX = "startup-ms ";

    private StartupProbe() {
    }

    /** Call right after {@code stage.show()}: reports on {@code out} at the scene's next pulse, then hides the stage. */
    public static void reportFirstPulse(Stage stage, PrintStream out) {
        reportFirstPulse(stage.getScene(), PREFIX, out, stage::hide);
    }

    /**
     * Prints {@code prefix} and the milliseconds since JVM start on {@code out} at the scene's next
     * pulse, then runs {@code then} right after that pulse.
     */
    static void reportFirstPulse(Scene scene, String prefix, PrintStream out, Runnable then) {
        afterNextPulse(scene, then, () -> {
            out.println(prefix + msSinceJvmStart());
            out.flush();
        });
    }

    /**
     * Runs {@code action} on the FX thread right after the scene's next pulse (CSS and layout done,
     * the frame handed to the renderer), once. After the pulse, not inside it: a change made inside
     * would be laid out in the same pulse, and a window hidden inside it would not be drawn at all.
     */
    static void afterNextPulse(Scene scene, Runnable action) {
        afterNextPulse(scene, action, () -> { });
    }

    private static void afterNextPulse(Scene scene, Runnable action, Runnable inPulse) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            inPulse.run();
            Platform.runLater(action);
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    /**
     * Since the JVM started, on the JVM's monotonic clock (the wall clock may be adjusted meanwhile).
     * The management bean is read only now, once the time has passed, so loading it is not counted.
     */
    static long msSinceJvmStart() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }
}
