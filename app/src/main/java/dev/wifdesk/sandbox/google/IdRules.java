package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** The id and text limits of WIF-FACTS.md, enforced with Google-style 400 INVALID_ARGUMENT errors. */
final class IdRules {
    static final int DISPLAY_NAME_MAX = 32;
    static final int DESCRIPTION_MAX = 256;
    private static final Pattern POOL_OR_PROVIDER_ID = Pattern.compile("[a-z0-9-]{4,32}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])");

    private IdRules() {
    }

    /** Pool and provider ids: 4-32 chars of {@code [a-z0-9-]}, not starting with {@code gcp-}. */
    static String poolOrProviderId(String field, String id) {
        if (id == null || id.isEmpty()) {
            throw GoogleErrors.invalidArgument("Required parameter \"" + field + "\" is missing.");
        }
        if (!POOL_OR_PROVIDER_ID.matcher(id).matches() || id.startsWith("gcp-")) {
            throw GoogleErrors.invalidArgument("Invalid value for \"" + field + "\": \"" + id + "\". It must be 4 to 32 "
                    + "characters long, use only lowercase letters, digits and hyphens, and must not start with \"gcp-\".");
        }
        return id;
    }

    /** Service account ids: 6-30 chars, {@code [a-z]([-a-z0-9]*[a-z0-9])}. */
    static String accountId(String id) {
        if (id == null || id.isEmpty()) {
            throw GoogleErrors.invalidArgument("Required field \"accountId\" is missing.");
        }
        if (id.length() < 6 || id.length() > 30 || !ACCOUNT_ID.matcher(id).matches()) {
            throw GoogleErrors.invalidArgument("Invalid value for \"accountId\": \"" + id + "\". It must be 6 to 30 "
                    + "characters long, start with a lowercase letter, use only lowercase letters, digits and hyphens, "
                    + "and end with a letter or digit.");
        }
        return id;
    }

    /** displayName and description limits, on any resource body. */
    static void texts(JsonNode body) {
        JsonNode dn = body.get("displayName");
        if (dn != null && !dn.isNull()) {
            if (!dn.isTextual() || dn.asText().length() > DISPLAY_NAME_MAX) {
                throw GoogleErrors.invalidArgument("Invalid value for \"displayName\": it must be a string of at most "
                        + DISPLAY_NAME_MAX + " characters.");
            }
        }
        JsonNode desc = body.get("description");
        if (desc != null && !desc.isNull()) {
            if (!desc.isTextual() || desc.asText().length() > DESCRIPTION_MAX) {
                throw GoogleErrors.invalidArgument("Invalid value for \"description\": it must be a string of at most "
                        + DESCRIPTION_MAX + " characters.");
            }
        }
        JsonNode disabled = body.get("disabled");
        if (disabled != null && !disabled.isNull() && !disabled.isBoolean()) {
            throw GoogleErrors.invalidArgument("Invalid value for \"disabled\": it must be true or false.");
        }
    }
}
