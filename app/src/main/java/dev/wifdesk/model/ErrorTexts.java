package dev.wifdesk.model;

/**
 * The exact error texts of WIF-FACTS.md (the catalogue). The sandbox produces them and the
 * diagnostics recognise them, so both live here once.
 */
public final class ErrorTexts {
    private ErrorTexts() {
    }

    /** #1: STS invalid_grant. */
    public static String audienceMismatch(String aud) {
        return "The audience in ID Token [" + aud + "] does not match the expected audience.";
    }

    /** #2: STS unauthorized_client. */
    public static final String CONDITION_REJECTED = "The given credential is rejected by the attribute condition.";

    /** #3. */
    public static String issuerMismatch(String tokenIssuer, String expected) {
        return "The issuer in ID Token " + tokenIssuer + " does not match the expected ones: " + expected;
    }

    /** #4. */
    public static String issuerNotFound(String issuer) {
        return "Specified identity issuer " + issuer + " not found in the configured identity providers.";
    }

    /** #5. */
    public static String tokenStale(long issuedAt) {
        return "ID Token issued at " + issuedAt + " is stale to sign-in.";
    }

    /** #6. */
    public static final String SIGNATURE_INVALID = "Unable to verify the ID Token signature.";
    /** #7. */
    public static final String ISSUER_UNREACHABLE = "Error connecting to the given credential's issuer.";
    /** #8: STS invalid_target. */
    public static final String INVALID_TARGET = "The target service indicated by the \"audience\" parameters is invalid. "
            + "This might either be because the pool or provider is disabled or deleted or because it doesn't exist.";
    /** #9: STS invalid_request. */
    public static final String INVALID_AUDIENCE_PARAMETER =
            "Invalid value for \"audience\". This value should be the full resource name of the Identity Provider.";
    /** #10. */
    public static final String SUBJECT_TOO_LONG = "The size of mapped attribute google.subject exceeds the 127 bytes limit";
    /** #11. */
    public static final String SUBJECT_NOT_STRING = "The mapped attribute 'google.subject' must be of type STRING.";
    /** #12: 403 from IAM Credentials. */
    public static final String GET_ACCESS_TOKEN_DENIED =
            "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).";
    /** #13: older form of #12. */
    public static final String CALLER_NO_PERMISSION = "The caller does not have permission";
    /** #14: 401. */
    public static final String INVALID_AUTH_CREDENTIALS = "Request had invalid authentication credentials. "
            + "Expected OAuth 2 access token, login cookie or other valid authentication credential.";
    /** #15: 400 on provider create. */
    public static final String CONDITION_MUST_REFERENCE_CLAIMS =
            "The attribute condition must reference one of the provider's claims.";
    /** #16: 409. */
    public static final String ALREADY_EXISTS = "Requested entity already exists";
    /** #17. */
    public static final String ISSUER_NOT_HTTPS = "Invalid OIDC issuer URI. The scheme must be https.";

    /** #18: Dataflow launch. */
    public static String cannotActAs(String serviceAccount) {
        return "Current user cannot act as service account " + serviceAccount + ".";
    }

    /** #19. */
    public static final String EXTERNAL_ACCOUNT_NOT_RECOGNIZED =
            "Error reading credentials from stream, 'type' value 'external_account' not recognized.";
    /** #20. */
    public static final String LIFETIME_TOO_LONG = "The access token lifetime cannot exceed 3600 seconds.";
    /** #21: GitLab. */
    public static final String GITLAB_ID_TOKEN_DISABLED = "ID token issuance is disabled in CI because this project's "
            + "path was previously used by a different project.";
    /** #22: 409 ABORTED. */
    public static final String CONCURRENT_POLICY_CHANGES =
            "There were concurrent policy changes. Please retry the whole read-modify-write with exponential backoff.";
}
