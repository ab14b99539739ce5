package dev.wifdesk.audit;

import java.util.regex.Pattern;

/**
 * Masks secrets in free text before it is logged, shown or written: JWTs (GitLab ID tokens,
 * federated tokens), GitLab personal/project tokens, Google OAuth access tokens, the sandbox's
 * fake tokens, and {@code PRIVATE-TOKEN:} / {@code Bearer} header values.
 */
public final class Redactor {
    public static final String MASK = "[REDACTED]";
    private static final Pattern SECRETS = Pattern.compile(String.join("|",
            "eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*", // compact JWT/JWS
            "glpat-[A-Za-z0-9_-]{8,}",
            "gl(?:dt|cbt|ptt|rt|oas)-[A-Za-z0-9_-]{8,}",
            "ya29\\.[A-Za-z0-9_.-]{8,}",
            "sandbox-(?:operator|gitlab|sts|sa)-[A-Za-z0-9_-]*token[A-Za-z0-9_-]*",
            "sandbox-(?:operator|sts|sa)-[0-9a-f]{8,}"));
    private static final Pattern HEADER_VALUES = Pattern.compile(
            "(?i)((?:PRIVATE-TOKEN|JOB-TOKEN)\\s*[:=]\\s*|Bearer\\s+)([^\\s\"',;]+)");

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = SECRETS.matcher(text).replaceAll(MASK);
        return HEADER_VALUES.matcher(out).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(2).equals(MASK) ? m.group() : m.group(1) + MASK));
    }
}
