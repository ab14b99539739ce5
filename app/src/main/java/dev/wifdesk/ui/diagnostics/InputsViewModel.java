package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Work;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.property.StringProperty;

/**
 * The inputs panel: the token, the error text and a pasted provider, each refused when a paste or
 * a dropped file is far bigger than such an input ever is (a 10 MB paste would freeze the screen).
 */
public final class InputsViewModel {
    /** Which input a paste or a dropped file fills, and its limit. */
    public enum Field {
        TOKEN("diag.token", InputLimits.TOKEN_MAX_CHARS),
        ERROR_TEXT("diag.errorText", InputLimits.ERROR_TEXT_MAX_CHARS),
        PROVIDER_JSON("diag.providerJson", InputLimits.PROVIDER_JSON_MAX_CHARS);

        private final String key;
        private final int maxChars;

        Field(String key, int maxChars) {
            this.key = key;
            this.maxChars = maxChars;
        }

        public String key() {
            return key;
        }

        public int maxChars() {
            return maxChars;
        }
    }

    private final DiagnosticsSession session;
    private final Messages messages;

    InputsViewModel(DiagnosticsSession session) {
        this.session = session;
        this.messages = session.messages();
    }

    /**
     * Checks a paste or drop before it reaches a text area; false (and an inline message
     * naming the field and the limit) when it is too big.
     */
    public boolean acceptInput(String fieldKey, int maxChars, long length) {
        if (InputLimits.fits(maxChars, length)) {
            return true;
        }
        session.setInputMessage(messages.get("diag.input.tooLarge", messages.get(fieldKey), length, maxChars));
        return false;
    }

    /**
     * A file dropped on an input: its size is checked first (a huge file is never read), then it
     * is read in the background and put into the field.
     */
    public void loadDroppedFile(Field field, Path file) {
        session.executor().run(Work.of(() -> {
                    long size = Files.size(file);
                    if (!InputLimits.fits(field.maxChars(), size)) {
                        throw new TooLarge(size);
                    }
                    return Files.readString(file);
                })
                .onSuccess(text -> {
                    session.setInputMessage("");
                    propertyOf(field).set(text);
                })
                .onFailure(t -> {
                    if (t instanceof TooLarge big) {
                        acceptInput(field.key(), field.maxChars(), big.size);
                    } else {
                        session.setInputMessage(messages.get("diag.input.unreadable", file.getFileName()));
                    }
                }));
    }

    /** A dropped file over its field's limit (carries the size for the message). */
    private static final class TooLarge extends Exception {
        private final long size;

        TooLarge(long size) {
            super("too large", null, false, false);
            this.size = size;
        }
    }

    private StringProperty propertyOf(Field field) {
        return switch (field) {
            case TOKEN -> session.tokenProperty();
            case ERROR_TEXT -> session.errorTextProperty();
            case PROVIDER_JSON -> session.providerJsonProperty();
        };
    }

    /** Empties the inputs (the token leaves memory with the text area's content). */
    public void clearInputs() {
        session.tokenProperty().set("");
        session.errorTextProperty().set("");
        session.setInputMessage("");
    }
}
