package dev.wifdesk.diagnose;

import java.util.Locale;

/** The stages STS and IAM walk, in order, as CLI.md names them. */
public enum Stage {
    TOKEN, ISSUER, AUDIENCE, MAPPING, CONDITION, POOL, BINDING, ERROR_TEXT, CI_CONFIG;

    /** {@code token}, {@code error-text}, ... as in the JSON output. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
