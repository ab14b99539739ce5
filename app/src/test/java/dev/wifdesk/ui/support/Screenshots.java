package dev.wifdesk.ui.support;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes PNG snapshots of scenes (PixelReader -> BufferedImage -> ImageIO; no javafx-swing) to
 * target/screenshots, so an ordinary test run leaves the work tree clean. To refresh the committed
 * ones: {@code mvn verify -Dwifdesk.screenshots=docs/screenshots}.
 */
public final class Screenshots {
    public static final Path DIR = Path.of(System.getProperty("wifdesk.screenshots", "target/screenshots"));

    private Screenshots() {
    }

    public static Path save(Scene scene, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)));
        return write(image, name);
    }

    public static Path save(Node node, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)));
        return write(image, name);
    }

    private static Path write(WritableImage image, String name) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(DIR);
            Path file = DIR.resolve(name + ".png");
            ImageIO.write(out, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
