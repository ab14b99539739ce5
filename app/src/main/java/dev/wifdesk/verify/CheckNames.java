package dev.wifdesk.verify;

/** The checks' names as {@code verify} reports them (JSON {@code name}); stable, a GUI keys its rows and texts on them. */
public final class CheckNames {
    public static final String APIS = "apis-enabled";
    public static final String SERVICE_ACCOUNTS = "service-accounts";
    // "start with permissions": Dataflow's first, the worker role first of all
    public static final String WORKER_ROLE = "dataflow-worker-role";
    public static final String LAUNCH_PERMISSION = "dataflow-launch-permission";
    public static final String ACT_AS = "dataflow-act-as";
    public static final String IMPERSONATION = "impersonation-binding";
    public static final String POOL = "pool";
    public static final String PROVIDER = "provider";
    public static final String ISSUER_KEYS = "issuer-keys";
    public static final String TOKEN_ADMITTED = "token-admitted";
    public static final String OTHER_NAMESPACE_REJECTED = "other-namespace-rejected";
    public static final String UNPROTECTED_REF_REJECTED = "unprotected-ref-rejected";
    public static final String GITLAB_VARIABLES = "gitlab-variables";
    public static final String CI_CONFIG = "ci-config";
    public static final String LAUNCH_VALIDATE = "templates-launch-validate";
    public static final String PIPELINE = "pipeline";
    public static final String CI_JOB = "ci-job";
    public static final String DATAFLOW_JOB = "dataflow-job";

    private CheckNames() {
    }
}
