package dev.wifdesk.ui.log;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The Activity log screen. */
public final class ActivityLogController {
    /** Wall-clock time of the entry in the user's zone. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ActivityLogViewModel viewModel;

    @FXML
    private TableView<LogEntry> logTable;
    @FXML
    private TableColumn<LogEntry, String> timeColumn;
    @FXML
    private TableColumn<LogEntry, String> levelColumn;
    @FXML
    private TableColumn<LogEntry, String> loggerColumn;
    @FXML
    private TableColumn<LogEntry, String> messageColumn;
    @FXML
    private Label countLabel;

    public ActivityLogController(ActivityLogViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        logTable.setItems(viewModel.entries());
        timeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(TIME.format(c.getValue().time())));
        levelColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().level()));
        loggerColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().logger()));
        messageColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().message()));
        countLabel.textProperty().bind(viewModel.countText());
    }

    @FXML
    private void onCopy() {
        viewModel.copyAll();
    }

    @FXML
    private void onClear() {
        viewModel.clear();
    }
}
