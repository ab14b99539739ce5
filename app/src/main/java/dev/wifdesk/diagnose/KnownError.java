package dev.wifdesk.diagnose;

import dev.wifdesk.model.ErrorTexts;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The error catalogue of WIF-FACTS.md (#1-#32; some numbers have several texts) as tolerant
 * patterns built from {@link ErrorTexts}: case-insensitive, and every character may be followed by one space, so a text broken across
 * lines (even mid-word) still matches once lines are joined. Values inside (the aud in brackets,
 * issuers, the issued-at time, the service account) are captured by name.
 */
public enum KnownError {
    AUDIENCE_MISMATCH(1, "STS: audience not accepted", ErrorTexts.audienceMismatch(Slot.MARK),
            "(?<aud>[^\\]]{0,600})"),
    CONDITION_REJECTED(2, "STS: attribute condition rejected the token", ErrorTexts.CONDITION_REJECTED),
    ISSUER_MISMATCH(3, "STS: issuer does not match", ErrorTexts.issuerMismatch(Slot.MARK, Slot.MARK),
            "(?<iss>[^\\s\"'\\],}<]{1,600})", "(?<expected>[^\\s\"'\\]}<]{1,600}(?:,\\s?https?://[^\\s\"'\\]}<]{1,600}){0,9})"),
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
            ErrorTexts.cannotActAs(Slot.MARK), Slot.SA_AT_SENTENCE_END),
    EXTERNAL_ACCOUNT_NOT_RECOGNIZED(19, "auth library in the job too old for external_account",
            ErrorTexts.EXTERNAL_ACCOUNT_NOT_RECOGNIZED),
    LIFETIME_TOO_LONG(20, "access token lifetime over 3600 s", ErrorTexts.LIFETIME_TOO_LONG),
    GITLAB_ID_TOKEN_DISABLED(21, "GitLab refuses to issue ID tokens for this project path",
            ErrorTexts.GITLAB_ID_TOKEN_DISABLED),
    CONCURRENT_POLICY_CHANGES(22, "IAM 409 ABORTED: stale policy etag", ErrorTexts.CONCURRENT_POLICY_CHANGES),
    WORKER_ROLE_MISSING(23, "Dataflow: worker service account lacks roles/dataflow.worker",
            ErrorTexts.workerRoleShouldBeGranted(Slot.MARK), Slot.SA_AT_SENTENCE_END),
    REFRESHING_CREDENTIALS(24, "Dataflow: problem refreshing credentials (worker role or Dataflow API)",
            ErrorTexts.REFRESHING_CREDENTIALS),
    SERVICE_AGENT_NO_ACCESS(25, "Dataflow: service agent cannot access the worker service account",
            ErrorTexts.SERVICE_AGENT_NO_ACCESS),
    WORKER_MISSING_PERMISSIONS(26, "Dataflow preflight: worker service account lacks a permission",
            ErrorTexts.workerMissingPermissions(Slot.MARK, Slot.MARK, Slot.MARK),
            "(?<permission>[\\w.](?: ?[\\w.,]){0,300}?)", "(?<resource>\\S(?: ?\\S){0,600}?)", Slot.SA_AT_SENTENCE_END),
    CANNOT_CREATE_WORKFLOW(27, "Dataflow: launcher lacks dataflow.jobs.create",
            upTo(ErrorTexts.cannotCreateWorkflow(Slot.MARK, "0"), " ("), Slot.PROJECT_ID),
    CANNOT_CANCEL_WORKFLOW(27, "Dataflow: launcher lacks the permission to cancel",
            ErrorTexts.cannotCancelWorkflow(Slot.MARK), "(?<project>[\\w.:-]{1,100})"),
    API_NOT_USED(28, "an API is disabled in the project (SERVICE_DISABLED)",
            upTo(ErrorTexts.apiNotUsed("", Slot.MARK, Slot.MARK), " If you enabled").trim(),
            "(?<project>\\d(?: ?\\d){0,30})", "(?<host>[\\w-](?: ?[\\w.-]){0,120}?)", "\\d(?: ?\\d){0,30}"),
    DATAFLOW_API_NOT_ENABLED(29, "Dataflow API not enabled", ErrorTexts.dataflowApiNotEnabled(Slot.MARK), Slot.PROJECT_ID),
    STORAGE_ACCESS_DENIED(30, "Cloud Storage: permission denied on a bucket or object",
            upTo(ErrorTexts.storageAccessDenied(Slot.MARK, Slot.MARK, "bucket"), " the Google") + " " + Slot.MARK,
            Slot.EMAIL, Slot.STORAGE_PERMISSION, Slot.STORAGE_TARGET),
    ANONYMOUS_STORAGE_CALLER(30, "Cloud Storage: anonymous caller (no credentials sent)",
            upTo(ErrorTexts.storageAccessDenied("Anonymous caller", Slot.MARK, "bucket"), " access to"),
            Slot.STORAGE_PERMISSION),
    TEMPLATE_FAILED_TO_LOAD(30, "Dataflow: template file cannot be read",
            upTo(ErrorTexts.templateFailedToLoad("gs://" + Slot.MARK, "x"), " Permissions denied.") + " Permissions denied.",
            Slot.GCS_PATH),
    DEFAULT_TEMP_BUCKET_DENIED(30, "Dataflow: default temp bucket cannot be created",
            ErrorTexts.defaultTempBucketDenied(Slot.MARK), "(?<bucket>[\\w.:/-](?: ?[\\w.:/-]){0,230}?)"),
    STAGED_PACKAGE_INACCESSIBLE(30, "Dataflow: a staged package cannot be read",
            ErrorTexts.stagedPackageInaccessible(Slot.MARK, "gs://" + Slot.MARK),
            "(?<package>\\S(?: ?\\S){0,300}?)", Slot.GCS_PATH),
    DISCOVERY_ISSUER_MISMATCH(31, "STS: the discovery document names another issuer", ErrorTexts.DISCOVERY_ISSUER_MISMATCH),
    MISSING_SUBJECT_TOKEN(32, "no ID token in the credential_source file", ErrorTexts.MISSING_SUBJECT_TOKEN),
    CREDENTIAL_FILE_NOT_FOUND(32, "the credential_source file is missing",
            ErrorTexts.credentialFileNotFound(Slot.MARK), "(?<file>[^'\\s](?: ?[^'\\s]){0,300}?)");

    /**
     * Entries that follow from an earlier failure rather than cause one: an anonymous Cloud Storage
     * call comes after a failed token exchange (or from gsutil, which ignores external_account).
     */
    private static final java.util.Set<String> CONSEQUENCES = java.util.Set.of("ANONYMOUS_STORAGE_CALLER");

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

    /** The catalogue number (#1-#32 of WIF-FACTS.md). */
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

    /** True when the entry is a known consequence of an earlier failure, never a root cause of its own. */
    public boolean consequence() {
        return CONSEQUENCES.contains(name());
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

    /** The text up to (not including) {@code end}: the part of a longer message that is always there. */
    private static String upTo(String text, String end) {
        int i = text.indexOf(end);
        return i < 0 ? text : text.substring(0, i);
    }

    /**
     * A marker no catalogue text contains, to split a formatted text around its values, and the
     * value patterns: a value may hold single spaces (a terminal broke the line inside it), so a
     * lazy pattern is anchored by the literal text that follows it.
     */
    private static final class Slot {
        static final String MARK = "\u0001";
        /**
         * A service account (or a GitLab-masked value) ended by the sentence's full stop. A break right
         * after a dot inside it looks like that full stop, so an address ending in gserviceaccount.com
         * is preferred; any other address ends at the first full stop.
         */
        static final String SA_AT_SENTENCE_END = "(?<sa>\\[MASKED\\]|[\\w.+-](?: ?[\\w.+@-]){0,200}? ?"
                + tolerant("gserviceaccount.com", new String[0]) + "|[\\w.+-](?: ?[\\w.+@-]){0,200}?)"
                + "(?= ?\\.(?:\\s|$|[\"'\\\\)\\],}<]))";
        /**
         * A principal at the start of a sentence. One break (a space) is allowed before the @, but
         * not after a number or a full stop: "403 foo@..." and "denied. foo@..." start the sentence there.
         */
        static final String EMAIL = "(?<sa>\\[MASKED\\]|(?:(?=[\\w.+-]{0,62}[a-z_+-])[\\w.+-]{1,63}(?<!\\.) )?"
                + "[\\w.+-]{1,64} ?@ ?[\\w-](?: ?[\\w.-]){0,150}?)";
        static final String PROJECT_ID = "(?<project>[\\w:-](?: ?[\\w.:-]){0,100}?)";
        static final String STORAGE_PERMISSION = "(?<permission>s ?t ?o ?r ?a ?g ?e ?\\.(?: ?[\\w.]){1,60}?)";
        /** What "access to" names: the kind of resource, or the bucket (and object path) itself. */
        static final String STORAGE_TARGET = "(?:t ?h ?e ?G ?o ?o ?g ?l ?e ?C ?l ?o ?u ?d ?S ?t ?o ?r ?a ?g ?e ?"
                + "(?:b ?u ?c ?k ?e ?t|o ?b ?j ?e ?c ?t|p ?r ?o ?j ?e ?c ?t)|(?<bucket>[\\w-][\\w.-]{2,221}))";
        /** A gs:// path after the literal gs://: the bucket is captured; bucket and path may be broken by spaces. */
        static final String GCS_PATH = "(?<bucket>[\\w-](?: ?[\\w.-]){2,221}?)(?: ?/(?: ?[^\\s'\"]){0,800}?)?";
    }
}
