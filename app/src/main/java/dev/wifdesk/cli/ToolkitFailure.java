package dev.wifdesk.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the JavaFX toolkit did not start, said for a person: what is missing and how to get it, or
 * the commands that need no window. JavaFX itself only says "Unable to open DISPLAY" or "Unable to
 * load glass GTK library" (sometimes after a stack trace of its own, which the launcher holds back).
 */
final class ToolkitFailure {
    static final String INSTALL = "  Install the packages: apt-get install libgtk-3-0 libxtst6 (Debian, Ubuntu), "
            + "dnf install gtk3 libXtst (Fedora, RHEL), zypper install gtk3 libXtst6 (openSUSE).";
    static final String NO_WINDOW_NEEDED = "  The command line needs no display: wifdesk diagnose ..., "
            + "wifdesk sandbox serve (see wifdesk --help).";
    // a system library named in a loader error, e.g. "/lib/x86_64-linux-gnu/libXtst.so.6: cannot open shared object file"
    private static final Pattern LIBRARY = Pattern.compile("(lib[A-Za-z0-9_+-]+\\.so(?:\\.\\d+)*)(?=:)");

    private ToolkitFailure() {
    }

    /**
     * The lines to print (one to three) for a failure of the toolkit start: {@code failure} is what
     * the launch threw, {@code toolkitOutput} what JavaFX printed meanwhile.
     */
    static List<String> explain(Throwable failure, String toolkitOutput) {
        String text = messages(failure) + "\n" + toolkitOutput;
        List<String> lines = new ArrayList<>();
        if (text.contains("Unable to open DISPLAY")) {
            lines.add("wifdesk: cannot open the window: no display (DISPLAY is not set, or no X server answers at "
                    + displayName() + ").");
            lines.add("  Start it in a desktop session, or set DISPLAY (ssh -X; or Xvfb :99 & then DISPLAY=:99 wifdesk).");
        } else if (text.contains("Unable to load glass GTK library")) {
            lines.add("wifdesk: cannot open the window: the GTK 3 libraries that JavaFX needs are not installed"
                    + " (JavaFX: Unable to load glass GTK library).");
            lines.add(INSTALL);
        } else if (systemLibrary(text) != null) {
            lines.add("wifdesk: cannot open the window: the system library " + systemLibrary(text)
                    + " that JavaFX needs is missing or damaged.");
            lines.add(INSTALL);
        } else if (text.contains("no suitable pipeline") || text.contains("No toolkit found")) {
            lines.add("wifdesk: cannot open the window: JavaFX found no way to draw (no graphics pipeline).");
            lines.add("  Install the OpenGL libraries (apt-get install libgl1, dnf install mesa-libGL), or draw in software:"
                    + " WIFDESK_JAVA_OPTS=-Dprism.order=sw wifdesk");
        } else {
            lines.add("wifdesk: cannot open the window: the JavaFX toolkit did not start (" + firstLine(failure) + ").");
            lines.add("  Check DISPLAY and the GTK 3 libraries (apt-get install libgtk-3-0 libxtst6).");
        }
        lines.add(NO_WINDOW_NEEDED);
        return lines;
    }

    private static String displayName() {
        String display = System.getenv("DISPLAY");
        return display == null || display.isBlank() ? "DISPLAY" : display;
    }

    /** The first system library (not JavaFX's own glass library) a loader error names, or null. */
    private static String systemLibrary(String text) {
        Matcher m = LIBRARY.matcher(text);
        while (m.find()) {
            if (!m.group(1).startsWith("libglass") && !m.group(1).startsWith("libprism")) {
                return m.group(1);
            }
        }
        return null;
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null && all.length() < 10_000; t = t.getCause()) {
            all.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
            if (t.getCause() == t) {
                break;
            }
        }
        return all.toString();
    }

    private static String firstLine(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
