package dev.wifdesk.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes an export to its file the one way both {@code wifdesk export --out} and the wizard's export
 * buttons do: replaced in one step (a temp file beside it, then renamed over it), a gcloud script
 * made executable. On failure the target is left as it was.
 */
public final class ExportFile {
    private ExportFile() {
    }

    /** {@code text}, the export of {@code target} (a {@link Exporters#TARGETS} name), into {@code file}. */
    public static void write(Path file, String target, String text) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IOException("the directory " + parent + " does not exist");
        }
        Path temp = Files.createTempFile(parent, "." + absolute.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            if (target.equals("gcloud") && temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x")); // a script to run
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temp file is all that is left over; the target was not touched
                }
            }
        }
    }
}
