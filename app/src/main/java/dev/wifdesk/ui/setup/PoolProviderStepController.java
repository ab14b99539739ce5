package dev.wifdesk.ui.setup;

import dev.wifdesk.ui.core.Messages;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.util.StringConverter;

/** Step 3's panel: ids (with "fresh id" when one is soft-deleted), issuer, mapping, condition builder, audience. */
public final class PoolProviderStepController {
    private final Messages messages;
    @FXML
    private TextField poolIdField;
    @FXML
    private TextField providerIdField;
    @FXML
    private TextField issuerField;
    @FXML
    private Button freshPoolButton;
    @FXML
    private Button freshProviderButton;
    @FXML
    private Label idStatusLabel;
    @FXML
    private TextArea mappingArea;
    @FXML
    private TextField namespaceField;
    @FXML
    private TextField projectPathField;
    @FXML
    private ComboBox<ConditionBuilder.RefKind> refKindCombo;
    @FXML
    private CheckBox protectedRefsCheck;
    @FXML
    private TextField environmentsField;
    @FXML
    private TextArea conditionArea;
    @FXML
    private RadioButton customAudienceRadio;
    @FXML
    private RadioButton defaultAudienceRadio;
    @FXML
    private TextField audienceField;
    @FXML
    private TextField longestRefField;
    @FXML
    private Label subjectLabel;
    private PoolProviderStepViewModel vm;

    public PoolProviderStepController(Messages messages) {
        this.messages = messages;
    }

    void bind(PoolProviderStepViewModel vm) {
        this.vm = vm;
        poolIdField.textProperty().bindBidirectional(vm.poolIdProperty());
        providerIdField.textProperty().bindBidirectional(vm.providerIdProperty());
        issuerField.textProperty().bindBidirectional(vm.issuerProperty());
        mappingArea.textProperty().bindBidirectional(vm.mappingProperty());
        namespaceField.textProperty().bindBidirectional(vm.namespaceProperty());
        projectPathField.textProperty().bindBidirectional(vm.projectPathProperty());
        refKindCombo.getItems().setAll(ConditionBuilder.RefKind.values());
        refKindCombo.setConverter(new StringConverter<>() {
            @Override
            public String toString(ConditionBuilder.RefKind k) {
                return k == null ? "" : messages.get("setup.provider.refs." + k.name());
            }

            @Override
            public ConditionBuilder.RefKind fromString(String s) {
                return null;
            }
        });
        refKindCombo.valueProperty().bindBidirectional(vm.refKindProperty());
        protectedRefsCheck.selectedProperty().bindBidirectional(vm.protectedRefsOnlyProperty());
        environmentsField.textProperty().bindBidirectional(vm.environmentsProperty());
        conditionArea.textProperty().bindBidirectional(vm.conditionProperty());
        ToggleGroup audience = new ToggleGroup();
        customAudienceRadio.setToggleGroup(audience);
        defaultAudienceRadio.setToggleGroup(audience);
        customAudienceRadio.selectedProperty().bindBidirectional(vm.customAudienceProperty());
        defaultAudienceRadio.setSelected(!vm.customAudienceProperty().get());
        vm.customAudienceProperty().addListener((o, was, custom) -> defaultAudienceRadio.setSelected(!custom));
        audienceField.textProperty().bindBidirectional(vm.audienceProperty());
        audienceField.disableProperty().bind(vm.customAudienceProperty().not());
        longestRefField.textProperty().bindBidirectional(vm.longestRefProperty());
        subjectLabel.textProperty().bind(vm.subjectStatusProperty());
        idStatusLabel.textProperty().bind(vm.idStatusProperty());
        freshPoolButton.visibleProperty().bind(vm.poolStateProperty().isEqualTo(IdState.SOFT_DELETED));
        freshProviderButton.visibleProperty().bind(vm.providerStateProperty().isEqualTo(IdState.SOFT_DELETED));
    }

    @FXML
    private void onFreshPool() {
        vm.useFreshPoolId();
    }

    @FXML
    private void onFreshProvider() {
        vm.useFreshProviderId();
    }

    @FXML
    private void onCheckIds() {
        vm.checkIds();
    }

    @FXML
    private void onRecommendedMapping() {
        vm.useRecommendedMapping();
    }

    @FXML
    private void onWriteCondition() {
        vm.writeCondition();
    }
}
