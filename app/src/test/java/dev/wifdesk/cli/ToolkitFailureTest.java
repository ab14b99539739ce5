package dev.wifdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The message when the JavaFX toolkit cannot start. The failures are the ones JavaFX 21 gives on
 * Linux (seen with DISPLAY unset, and with libgtk-3 / libXtst hidden in a private mount namespace).
 */
class ToolkitFailureTest {
    private static final String LAUNCH = "com.sun.javafx.application.LauncherImpl";

    @Test
    void noDisplayNamesDisplayAndTheCommandsThatNeedNone() {
        List<String> lines = ToolkitFailure.explain(new UnsupportedOperationException("Unable to open DISPLAY"), "");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("wifdesk: ").contains("no display").contains("DISPLAY");
        assertThat(lines.get(1)).contains("DISPLAY=:99");
        assertThat(lines.get(2)).contains("wifdesk diagnose").contains("wifdesk sandbox serve");
    }

    @Test
    void gtkMissingNamesThePackagesToInstall() {
        List<String> lines = ToolkitFailure.explain(new UnsupportedOperationException("Unable to load glass GTK library."), "");
        assertThat(lines.get(0)).contains("GTK 3").contains("Unable to load glass GTK library");
        assertThat(lines.get(1)).contains("apt-get install libgtk-3-0 libxtst6").contains("dnf install gtk3 libXtst");
        assertThat(lines.get(2)).contains("wifdesk diagnose");
    }

    @Test
    void aMissingSystemLibraryIsNamedFromWhatJavaFxPrinted() {
        // JavaFX prints the real cause and throws a vaguer one
        String printed = "Loading library glassgtk3 from resource failed: java.lang.UnsatisfiedLinkError: "
                + "/root/.openjfx/cache/21.0.11+4/amd64/libglassgtk3.so: libXtst.so.6: cannot open shared object file\n"
                + "\tat java.base/jdk.internal.loader.NativeLibraries.load(Native Method)\n";
        Throwable thrown = new RuntimeException(new UnsatisfiedLinkError("no glassgtk3 in java.library.path: /usr/lib"));
        List<String> lines = ToolkitFailure.explain(thrown, printed);
        assertThat(lines.get(0)).contains("libXtst.so.6").doesNotContain("libglassgtk3");
        assertThat(lines.get(1)).contains("apt-get install libgtk-3-0 libxtst6");
        assertThat(String.join("\n", lines)).doesNotContain("\tat ").doesNotContain("UnsatisfiedLinkError");
    }

    @Test
    void noGraphicsPipelineOffersSoftwareRendering() {
        Throwable thrown = new RuntimeException("No toolkit found",
                new RuntimeException("Error initializing QuantumRenderer: no suitable pipeline found"));
        List<String> lines = ToolkitFailure.explain(thrown, "Graphics Device initialization failed for :  es2, sw\n");
        assertThat(lines.get(0)).contains("no graphics pipeline");
        assertThat(lines.get(1)).contains("-Dprism.order=sw");
    }

    @Test
    void anythingElseStillSaysWhatToCheckInOneLineOfItsOwn() {
        Throwable thrown = new IllegalStateException(LAUNCH + " failed",
                new ClassNotFoundException("com.sun.glass.ui.monocle.MonoclePlatformFactory\nsecond line"));
        List<String> lines = ToolkitFailure.explain(thrown, "");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("the JavaFX toolkit did not start")
                .contains("MonoclePlatformFactory").doesNotContain("second line");
        assertThat(lines.get(1)).contains("DISPLAY").contains("libgtk-3-0");
    }

    @Test
    void onlyAPlainStartSkipsTheCommandTree() {
        assertThat(GuiLaunch.isPlainGuiStart()).isTrue();
        assertThat(GuiLaunch.isPlainGuiStart("--measure-startup")).isTrue();
        assertThat(GuiLaunch.isPlainGuiStart("--help")).isFalse();
        assertThat(GuiLaunch.isPlainGuiStart("--measure-startup", "--help")).isFalse();
        assertThat(GuiLaunch.isPlainGuiStart("diagnose")).isFalse();
    }
}
