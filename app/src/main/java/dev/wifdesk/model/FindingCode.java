package dev.wifdesk.model;

/** The finding codes of CLI.md: a public contract, extend but never rename. */
public enum FindingCode {
    TOKEN_MALFORMED, TOKEN_EXPIRED, TOKEN_NOT_YET_VALID, TOKEN_SIGNATURE_INVALID, TOKEN_KEY_NOT_FOUND,
    ISSUER_MISMATCH, ISSUER_TRAILING_SLASH, ISSUER_NOT_HTTPS,
    AUDIENCE_MISMATCH, AUDIENCE_TYPO, AUDIENCE_PROJECT_ID, AUDIENCE_POOL_NOT_PROVIDER,
    AUDIENCE_MISSING_PREFIX, AUDIENCE_DEFAULT_NOT_ALLOWED,
    MAPPING_MISSING_SUBJECT, MAPPING_EXPRESSION_ERROR, MAPPING_CLAIM_MISSING, MAPPING_SUBJECT_TOO_LONG,
    MAPPING_NOT_STRING,
    CONDITION_REJECTED, CONDITION_ERROR, CONDITION_BOOL_AS_STRING, CONDITION_UNMAPPED_ATTRIBUTE,
    CONDITION_MISSING,
    POOL_DISABLED, POOL_DELETED, PROVIDER_DISABLED, PROVIDER_DELETED,
    BINDING_MISSING, BINDING_PRINCIPAL_MALFORMED, BINDING_USES_PROJECT_ID, BINDING_WRONG_POOL,
    BINDING_ATTRIBUTE_NOT_MAPPED, BINDING_VALUE_MISMATCH, BINDING_TOO_BROAD,
    CI_AUDIENCE_MISMATCH, CI_NO_ID_TOKEN,
    DATAFLOW_ACT_AS_DENIED, PERMISSION_DENIED_GET_ACCESS_TOKEN, PROPAGATION_DELAY, ERROR_UNRECOGNIZED,
    LINT_UNPROTECTED_REF, LINT_BROAD_ROLE,
    DATAFLOW_WORKER_ROLE_MISSING, DATAFLOW_PERMISSION_DENIED, API_NOT_ENABLED, STORAGE_PERMISSION_DENIED,
    // Extensions beyond CLI.md's table: catalogue errors that none of the codes above names truthfully.
    /** #14: an API was called with the federated STS token itself instead of an impersonated SA token. */
    FEDERATED_TOKEN_NOT_ACCEPTED,
    /** #19: the job's Google auth library predates external_account credentials. */
    AUTH_LIBRARY_TOO_OLD,
    /** #20: the requested access-token lifetime is over 3600 s (or the clock is off). */
    TOKEN_LIFETIME_TOO_LONG,
    /** #22: an IAM policy write lost a race with another writer (stale etag). */
    POLICY_CONCURRENT_CHANGE,
    /**
     * The audience carries {@code //iam.googleapis.com/} twice: {@code gcloud iam workload-identity-pools
     * create-cred-config} prefixes its AUDIENCE argument, which was given the full name (#9 at STS).
     */
    AUDIENCE_DOUBLE_PREFIX,
    /** An error text shows a failure that no known error explains: never a healthy verdict (ERROR_UNRECOGNIZED stays info). */
    FAILURE_UNEXPLAINED,
    /** A check of WIF Desk itself crashed (a bug): says which one and the exception, never a verdict on the input. */
    INTERNAL_ERROR
}
