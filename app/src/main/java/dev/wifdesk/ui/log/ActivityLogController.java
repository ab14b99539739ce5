package dev.wifdesk.ui.log;

import dev.wifdesk.ui.core.Messages;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The Activity log screen. */
public final class ActivityLogController {
    private final ActivityLogViewModel viewModel;
    private final Messages messages;

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

    public ActivityLogController(ActivityLogViewModel viewModel, Messages messages) {
        this.viewModel = viewModel;
        this.messages = messages;
    }

    @FXML
    private void initialize() {
        logTable.setItems(viewModel.entries());
        timeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().time().toString().substring(11, 19)));
        levelColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().level()));
        loggerColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().logger()));
        messageColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().message()));
        countLabel.textProperty().bind(viewModel.count().asString(messages.get("log.count")));
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
