package dev.wifdesk.ui.log;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks anything that looks like a credential before text is displayed or copied: JWTs
 * ({@code eyJ...}), GitLab personal access tokens, Google OAuth access tokens, and the
 * sandbox's operator and GitLab tokens. Keeps a short recognisable prefix.
 */
public final class Redactor {
    public static final String MASK = "****";

    /** Each pattern's group 1 is kept, the rest of the match becomes {@link #MASK}. */
    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile("(eyJ)[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]*){0,2}"),
            Pattern.compile("(glpat-)[A-Za-z0-9_.-]+"),
            Pattern.compile("(ya29\\.)[A-Za-z0-9_.-]+"),
            Pattern.compile("(sandbox-operator-)[A-Za-z0-9_.-]+"),
            Pattern.compile("(sandbox-gitlab-token)[A-Za-z0-9_.-]*"),
            Pattern.compile("(?i)((?:private-token|authorization|bearer)[\"']?\\s*[:=]?\\s*(?:bearer\\s+)?)[A-Za-z0-9_.-]{8,}"));

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
