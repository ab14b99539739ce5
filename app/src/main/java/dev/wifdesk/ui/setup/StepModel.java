package dev.wifdesk.ui.setup;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SpecProblem;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.ui.core.Messages;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One wizard step's view model: {@link #load} fills its fields from the wizard state,
 * {@link #validate} judges them live with exactly the spec rules {@code plan} runs (each message
 * names the field and the rule) plus the step's own checks, {@link #store} writes them back.
 * "Next" is bound to {@link #validProperty()}.
 */
public abstract class StepModel {
    protected final SetupWizardState state;
    protected final SpecValidator validator;
    protected final Messages messages;
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private boolean loading;

    protected StepModel(SetupWizardState state, SpecValidator validator, Messages messages) {
        this.state = state;
        this.validator = validator;
        this.messages = messages;
    }

    /** Fills the fields from the state (the step is entered), then validates. */
    public final void load() {
        loading = true;
        try {
            loadFields();
        } finally {
            loading = false;
        }
        validate();
        entered();
    }

    /** Judges the fields as they are now. */
    public final void validate() {
        if (loading) {
            return;
        }
        List<String> found = new ArrayList<>();
        FederationSpec candidate = candidate();
        for (String prefix : fieldPrefixes()) {
            validator.problemsUnder(candidate, prefix).stream().map(SpecProblem::message)
                    .filter(m -> !found.contains(m)).forEach(found::add);
        }
        found.addAll(ownProblems());
        problems.setAll(found);
        valid.set(found.isEmpty() && ready());
    }

    /** Writes the fields into the state (the user goes on). */
    public void store() {
        state.setSpec(candidate());
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** The broken rules, one line each, for the step's problem list. */
    public ObservableList<String> problems() {
        return problems;
    }

    /** Re-validates whenever one of these changes. */
    protected final void revalidateOn(Observable... fields) {
        for (Observable f : fields) {
            f.addListener(o -> validate());
        }
    }

    protected abstract void loadFields();

    /** The state's spec with this step's fields in it. */
    protected abstract FederationSpec candidate();

    /** The spec fields this step edits (SpecValidator.problemsUnder prefixes). */
    protected abstract List<String> fieldPrefixes();

    /** The step's own checks beyond the spec rules (a token present, a subject short enough). */
    protected List<String> ownProblems() {
        return List.of();
    }

    /** False while the step still waits for something it reads (the project's facts). */
    protected boolean ready() {
        return true;
    }

    /** After load: start what the step reads in the background. */
    protected void entered() {
    }

    /**
     * After store, when the user goes on with Next (not on Back, Save or an export): what the user
     * confirmed, beyond the spec (the Connect step's keyring choice).
     */
    protected void confirmed() {
    }

    /** Next: {@link #store}, then {@link #confirmed}. */
    public final void storeAndConfirm() {
        store();
        confirmed();
    }

    static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
