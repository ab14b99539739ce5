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

    // #23-#32: Dataflow, API and storage failures (WIF-FACTS.md; sources in docs/sandbox-fidelity.md).

    /** The head Dataflow puts before a job's fatal cause (#23, #24). */
    public static final String WORKFLOW_FAILED = "Workflow failed. Causes: ";

    /** #23, the part both forms share (the newer one puts "All permissions in " before it). */
    public static String workerRoleShouldBeGranted(String serviceAccount) {
        return "IAM role roles/dataflow.worker should be granted to controller service account " + serviceAccount + ".";
    }

    /** #23: the job's worker (controller) service account lacks roles/dataflow.worker. */
    public static String workerRoleMissing(String serviceAccount) {
        return WORKFLOW_FAILED + "Permissions verification for controller service account failed. All permissions in "
                + workerRoleShouldBeGranted(serviceAccount);
    }

    /** #24: worker role missing or the Dataflow API off (the text goes on with "..."). */
    public static final String REFRESHING_CREDENTIALS = "There was a problem refreshing your credentials. Please check: "
            + "1. The Dataflow API is enabled for your project. 2. Make sure both the Dataflow service account and the "
            + "controller service account have sufficient permissions.";
    /** #25: the Dataflow service agent lacks its role (the text goes on with "..."). */
    public static final String SERVICE_AGENT_NO_ACCESS = "The Dataflow service agent cannot access the worker service "
            + "account. Ensure that the Dataflow API is enabled for your project. In addition, verify that for the worker "
            + "service account, the Dataflow service agent principal has the 'Cloud Dataflow Service Agent' role.";

    /** #26 (after "The preflight pipeline validation failed for job JOB_ID."). */
    public static String workerMissingPermissions(String permission, String resource, String serviceAccount) {
        return "Missing permissions " + permission + " when accessing " + resource + " as Dataflow worker service account "
                + serviceAccount + ".";
    }

    /** #27: the launcher lacks dataflow.jobs.create; {@code id} is Dataflow's 16 hex digits. */
    public static String cannotCreateWorkflow(String project, String id) {
        return "Could not create workflow; user does not have write access to project: " + project + " Causes: (" + id
                + "): Permission 'dataflow.jobs.create' denied on project: '" + project + "'";
    }

    /** #27's twin, on cancel. */
    public static String cannotCancelWorkflow(String project) {
        return "Could not cancel workflow; user does not have sufficient permissions on project: " + project;
    }

    /** #28: SERVICE_DISABLED; {@code name} e.g. "IAM Service Account Credentials", {@code host} e.g. iamcredentials.googleapis.com. */
    public static String apiNotUsed(String name, String projectNumber, String host) {
        return name + " API has not been used in project " + projectNumber + " before or it is disabled. Enable it by "
                + "visiting https://console.developers.google.com/apis/api/" + host + "/overview?project=" + projectNumber
                + " then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our "
                + "systems and retry.";
    }

    /** #29: 400 FAILED_PRECONDITION from Dataflow. */
    public static String dataflowApiNotEnabled(String project) {
        return "Dataflow API is not enabled. Please use the Cloud Platform Console, https://console.developers.google.com/"
                + "apis/api/dataflow.googleapis.com/overview?project=" + project + ", to enable Dataflow API.";
    }

    /** #30: {@code kind} is bucket, object or project. */
    public static String storageAccessDenied(String principal, String permission, String kind) {
        return principal + " does not have " + permission + " access to the Google Cloud Storage " + kind + ".";
    }

    /** #30: the sentence that follows {@link #storageAccessDenied}. */
    public static String permissionDeniedOnResource(String permission) {
        return "Permission '" + permission + "' denied on resource (or it may not exist).";
    }

    /** #30, template launch. */
    public static String templateFailedToLoad(String gcsPath, String principal) {
        return "Template file failed to load: " + gcsPath + ". Permissions denied. " + principal
                + " does not have storage.objects.get access to " + gcsPath.replaceFirst("^gs://", "");
    }

    /** #30, temp bucket. */
    public static String defaultTempBucketDenied(String bucket) {
        return "Default temp bucket " + bucket + " cannot be created due to error PERMISSION_DENIED.";
    }

    /** #30, staged files. */
    public static String stagedPackageInaccessible(String name, String gcsLocation) {
        return "Staged package " + name + " at location '" + gcsLocation + "' is inaccessible.";
    }

    /** #31: STS invalid_grant. */
    public static final String DISCOVERY_ISSUER_MISMATCH =
            "`issuer` claim in OIDC discovery document does not match the issuer specified in the request.";
    /** #32: google-auth Python RefreshError. */
    public static final String MISSING_SUBJECT_TOKEN = "Missing subject_token in the credential_source file";

    /** #32, the file-sourced credential's file is absent. */
    public static String credentialFileNotFound(String file) {
        return "File '" + file + "' was not found.";
    }
}
