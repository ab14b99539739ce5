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
 * JavaFX app of the benchmarks uses this same probe, so both are measured alike.
 */
public final class StartupProbe {
    public static final String PREFIX = "startup-ms ";

    private StartupProbe() {
    }

    /** Call right after {@code stage.show()}: reports on {@code out} at the scene's next pulse, then hides the stage. */
    public static void reportFirstPulse(Stage stage, PrintStream out) {
        Scene scene = stage.getScene();
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            out.println(PREFIX + msSinceJvmStart());
            out.flush();
            // after the listener: a window hidden inside the pulse would not be drawn at all
            Platform.runLater(stage::hide);
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
