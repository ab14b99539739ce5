import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.css.Stylesheet;

/**
 * Build step (mvn process-classes): compiles the AtlantaFX Primer stylesheets to JavaFX's binary CSS
 * form under OUT/atlantafx-bss/. Parsing the 1,000-rule text stylesheet took ~100-190 ms of every
 * GUI start; loading the binary form takes ~10-15 ms. {@code ui.core.Theme} uses the binary form
 * when it is there and the text stylesheet otherwise.
 *
 * <p>Run: {@code java -cp CLASSPATH installer/css/CompileThemes.java OUT}
 */
public final class CompileThemes {
    private static final String[] THEMES = {"primer-light", "primer-dark"};

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0], "atlantafx-bss");
        Files.createDirectories(out);
        for (String theme : THEMES) {
            String resource = "/atlantafx/base/theme/" + theme + ".css";
            Path css = Files.createTempFile(theme, ".css");
            try (InputStream in = CompileThemes.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("not on the class path: " + resource);
                }
                Files.copy(in, css, StandardCopyOption.REPLACE_EXISTING);
            }
            File bss = out.resolve(theme + ".bss").toFile();
            Stylesheet.convertToBinary(css.toFile(), bss);
            Files.delete(css);
            System.out.println("compiled " + resource + " -> " + bss + " (" + bss.length() + " bytes)");
        }
    }
}
