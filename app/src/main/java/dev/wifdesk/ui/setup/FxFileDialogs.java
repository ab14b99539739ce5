package dev.wifdesk.ui.setup;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The app's {@link FileDialogs}: JavaFX's own FileChooser. */
public final class FxFileDialogs implements FileDialogs {
    @Override
    public Optional<Path> open(Window owner, Choice choice) {
        return Optional.ofNullable(chooser(choice).showOpenDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> save(Window owner, Choice choice) {
        FileChooser c = chooser(choice);
        if (choice.initialName() != null) {
            c.setInitialFileName(choice.initialName());
        }
        return Optional.ofNullable(c.showSaveDialog(owner)).map(File::toPath);
    }

    private static FileChooser chooser(Choice choice) {
        FileChooser c = new FileChooser();
        c.setTitle(choice.title());
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(choice.filterName(), choice.patterns()));
        return c;
    }
}
