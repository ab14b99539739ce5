package dev.wifdesk.ui.setup;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;

/**
 * Where the wizard asks the user for a file (a seam: the app shows a {@link FxFileDialogs
 * FileChooser}, TestFX tests answer with a path of their own). Called on the FX thread; the
 * reading and writing happen in the view model's background work.
 */
public interface FileDialogs {
    /** What the dialog shows: its title, one extension filter and, for a save, the suggested name. */
    record Choice(String title, String filterName, List<String> patterns, String initialName) {
        public Choice {
            patterns = List.copyOf(patterns);
        }
    }

    /** The file to read; empty when the user cancelled. */
    Optional<Path> open(Window owner, Choice choice);

    /** The file to write; empty when the user cancelled. */
    Optional<Path> save(Window owner, Choice choice);
}
