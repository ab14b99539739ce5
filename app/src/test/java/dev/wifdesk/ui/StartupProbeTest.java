package dev.wifdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.ui.support.Fx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The {@code --measure-startup} probe: one line with the time since JVM start, at the first pulse, then the window closes. */
class StartupProbeTest {
    @Test
    void printsOneLineWithTheTimeSinceJvmStartAtTheFirstPulseThenHidesTheWindow() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        long before = ManagementFactory.getRuntimeMXBean().getUptime();
        int[] printedAtOnce = new int[1];
        Stage stage = Fx.call(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(new StackPane(new Label("probe")), 200, 100));
            s.show();
            StartupProbe.reportFirstPulse(s, out);
            printedAtOnce[0] = bytes.size();
            return s;
        });
        // nothing yet inside the same FX event: the line waits for the pulse
        assertThat(printedAtOnce[0]).isZero();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !Fx.call(stage::isShowing));
        long after = ManagementFactory.getRuntimeMXBean().getUptime();

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).singleElement().asString().matches("startup-ms \\d+");
        long ms = Long.parseLong(text.strip().substring("startup-ms ".length()));
        // measured from JVM start: at least the uptime when the window was shown, at most the uptime after
        assertThat(ms).isBetween(before, after);
        // one-shot: later pulses print nothing more
        Fx.run(() -> {
            stage.show();
            stage.hide();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
    }
}
