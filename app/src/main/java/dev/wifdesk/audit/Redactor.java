package dev.wifdesk.audit;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in free text before it is logged, shown, copied or written: JWTs (GitLab ID
 * tokens), GitLab tokens, Google OAuth access tokens, the sandbox's tokens, and the values of
 * {@code PRIVATE-TOKEN}, {@code Authorization} and {@code Bearer}. A short prefix stays so a
 * person can still tell what kind of secret stood there. The one redactor of the app.
 */
public final class Redactor {
    public static final String MASK = "****";

    /** Each pattern's group 1 is kept, the rest of the match becomes {@link #MASK}. */
    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile("(eyJ)[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]*){0,2}"),
            Pattern.compile("(gl(?:pat|dt|cbt|ptt|rt|oas)-)[A-Za-z0-9_.-]+"),
            Pattern.compile("(ya29\\.)[A-Za-z0-9_.-]+"),
            Pattern.compile("(sandbox-)(?:gitlab(?:-[a-z]+)?-token|(?:operator|sts|sa)-[A-Za-z0-9_-]+)"),
            Pattern.compile("(?i)((?:private-token|job-token|authorization|bearer)[\"']?\\s*[:=]?\\s*(?:bearer\\s+)?)"
                    + "(?!\\*{4})[A-Za-z0-9_.-]{8,}"));

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Pattern p : SECRETS) {
            Matcher m = p.matcher(out);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + MASK));
            }
            m.appendTail(sb);
            out = sb.toString();
        }
        return out;
    }
}
