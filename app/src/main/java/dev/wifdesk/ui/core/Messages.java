package dev.wifdesk.ui.core;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The UI's message bundle ({@code i18n/messages.properties}) with MessageFormat arguments. */
public final class Messages {
    public static final String BUNDLE = "i18n.messages";
    private final ResourceBundle bundle;

    public Messages(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    public static Messages load(Locale locale) {
        return new Messages(ResourceBundle.getBundle(BUNDLE, locale));
    }

    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    public ResourceBundle bundle() {
        return bundle;
    }
}
