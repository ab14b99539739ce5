package dev.wifdesk.diagnose;

import dev.wifdesk.model.ErrorTexts;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The error catalogue of WIF-FACTS.md (#1-#22) as tolerant patterns built from {@link ErrorTexts}:
 * case-insensitive, and every character may be followed by one space, so a text broken across
 * lines (even mid-word) still matches once lines are joined. Values inside (the aud in brackets,
 * issuers, the issued-at time, the service account) are captured by name.
 */
public enum KnownError {
    AUDIENCE_MISMATCH(1, "STS: audience not accepted", ErrorTexts.audienceMismatch(Slot.MARK),
            "(?<aud>[^\\]]{0,600})"),
    CONDITION_REJECTED(2, "STS: attribute condition rejected the token", ErrorTexts.CONDITION_REJECTED),
    ISSUER_MISMATCH(3, "STS: issuer does not match", ErrorTexts.issuerMismatch(Slot.MARK, Slot.MARK),
            "(?<iss>[^\\s\"'\\],}<]{1,600})", "(?<expected>[^\\s\"'\\]}<]{1,600}(?:,\\s?[^\\s\"'\\]}<]{1,600}){0,9})"),
    ISSUER_NOT_FOUND(4, "STS: issuer not configured", ErrorTexts.issuerNotFound(Slot.MARK), "(?<iss>\\S{1,600}?)"),
    TOKEN_STALE(5, "STS: token expired (stale)", ErrorTexts.tokenStale(-1).replace("-1", Slot.MARK), "(?<iat>\\d{1,19})"),
    SIGNATURE_INVALID(6, "STS: signature does not verify", ErrorTexts.SIGNATURE_INVALID),
    ISSUER_UNREACHABLE(7, "STS: issuer unreachable", ErrorTexts.ISSUER_UNREACHABLE),
    INVALID_TARGET(8, "STS: invalid_target (pool/provider disabled, deleted or missing)", ErrorTexts.INVALID_TARGET),
    INVALID_AUDIENCE_PARAMETER(9, "STS: audience parameter is not a provider name", ErrorTexts.INVALID_AUDIENCE_PARAMETER),
    SUBJECT_TOO_LONG(10, "STS: google.subject over 127 bytes", ErrorTexts.SUBJECT_TOO_LONG),
    SUBJECT_NOT_STRING(11, "STS: google.subject not a string", ErrorTexts.SUBJECT_NOT_STRING),
    GET_ACCESS_TOKEN_DENIED(12, "IAM Credentials: impersonation denied (403)", ErrorTexts.GET_ACCESS_TOKEN_DENIED),
    CALLER_NO_PERMISSION(13, "403: the caller does not have permission", ErrorTexts.CALLER_NO_PERMISSION),
    INVALID_AUTH_CREDENTIALS(14, "401: federated token used without impersonation", ErrorTexts.INVALID_AUTH_CREDENTIALS),
    CONDITION_MUST_REFERENCE_CLAIMS(15, "IAM: condition must reference the provider's claims",
            ErrorTexts.CONDITION_MUST_REFERENCE_CLAIMS),
    ALREADY_EXISTS(16, "IAM 409: id held by a soft-deleted resource", ErrorTexts.ALREADY_EXISTS),
    ISSUER_NOT_HTTPS(17, "IAM: issuer must be https", ErrorTexts.ISSUER_NOT_HTTPS),
    CANNOT_ACT_AS(18, "Dataflow: launcher cannot act as the worker service account",
            ErrorTexts.cannotActAs(Slot.MARK), "(?<sa>[\\w.+-](?: ?[\\w.+@-]){0,200}?)(?= ?\\.(?:\\s|$|[\"'\\\\)\\],}<]))"),
    EXTERNAL_ACCOUNT_NOT_RECOGNIZED(19, "auth library in the job too old for external_account",
            ErrorTexts.EXTERNAL_ACCOUNT_NOT_RECOGNIZED),
    LIFETIME_TOO_LONG(20, "access token lifetime over 3600 s", ErrorTexts.LIFETIME_TOO_LONG),
    GITLAB_ID_TOKEN_DISABLED(21, "GitLab refuses to issue ID tokens for this project path",
            ErrorTexts.GITLAB_ID_TOKEN_DISABLED),
    CONCURRENT_POLICY_CHANGES(22, "IAM 409 ABORTED: stale policy etag", ErrorTexts.CONCURRENT_POLICY_CHANGES);

    private final int number;
    private final String title;
    private final String text;
    private final Pattern pattern;

    KnownError(int number, String title, String text, String... slots) {
        this.number = number;
        this.title = title;
        this.text = text.replace(Slot.MARK, "…");
        this.pattern = Pattern.compile(tolerant(text, slots), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The catalogue number (#1-#22 of WIF-FACTS.md). */
    public int number() {
        return number;
    }

    public String title() {
        return title;
    }

    /** The catalogue text with "…" where values go (for showing the closest known error). */
    public String text() {
        return text;
    }

    Pattern pattern() {
        return pattern;
    }

    public static List<KnownError> all() {
        return List.of(values());
    }

    /** Literal text made tolerant: one optional space after every character; slots replaced by capture groups. */
    private static String tolerant(String text, String[] slots) {
        StringBuilder re = new StringBuilder();
        String[] parts = text.split(Pattern.quote(Slot.MARK), -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            for (int c = 0; c < part.length(); c++) {
                char ch = part.charAt(c);
                boolean hugsSlot = (ch == '[' && c == part.length() - 1 && i < parts.length - 1)
                        || (ch == ']' && c == 0 && i > 0);
                if (Character.isWhitespace(ch)) {
                    re.append(" ?");
                } else {
                    re.append(Pattern.quote(String.valueOf(ch))).append(hugsSlot ? "" : " ?");
                }
            }
            if (i < parts.length - 1) {
                // a bracketed value keeps its own leading/trailing spaces: they are the typo to find
                re.append(slots[i]).append(parts[i + 1].startsWith("]") ? "" : " ?");
            }
        }
        return re.toString();
    }

    /** A marker no catalogue text contains, to split a formatted text around its values. */
    private static final class Slot {
        static final String MARK = "\u0001";
    }
}
