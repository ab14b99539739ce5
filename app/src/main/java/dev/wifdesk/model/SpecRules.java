package dev.wifdesk.model;

import java.util.regex.Pattern;

/**
 * The rule texts a {@link SpecProblem} names, one per rule of the WIF-FACTS.md limits table
 * (plus the spec file's own shape rules), and the patterns behind them.
 */
public final class SpecRules {
    private SpecRules() {
    }

    // shape of the file
    public static final String WELL_FORMED = "the spec is well-formed YAML or JSON";
    public static final String TEXT_FILE = "the spec is a UTF-8 text file of at most 1 MiB";
    public static final String TOP_LEVEL_OBJECT = "the spec is a mapping with gcp, environments, gitlab, dataflow";
    public static final String KNOWN_KEYS = "only the keys of the CLI.md spec format";
    public static final String REQUIRED = "required";
    public static final String TYPE_STRING = "a text value";
    public static final String TYPE_BOOLEAN = "true or false";
    public static final String TYPE_LIST = "a list";
    public static final String TYPE_MAP = "a mapping";

    // Google: ids and names
    public static final String POOL_ID = "pool id 4-32 chars [a-z0-9-], not starting with gcp-";
    public static final String PROVIDER_ID = "provider id 4-32 chars [a-z0-9-], not starting with gcp-";
    public static final String DISPLAY_NAME = "display name at most 32 chars";
    public static final String DESCRIPTION = "description at most 256 chars";
    public static final String PROJECT_ID = "project id 6-30 chars [a-z0-9-], starts with a lowercase letter, no trailing hyphen";
    public static final String SERVICE_ACCOUNT_ID = "service account id 6-30 chars [a-z]([-a-z0-9]*[a-z0-9])";
    public static final String SERVICE_ACCOUNT_UNIQUE = "each service account id used once";

    // provider
    public static final String ISSUER_HTTPS = "issuer must be an https URL";
    public static final String ISSUER_NO_TRAILING_SLASH =
            "issuer exactly as the token's iss (GitLab's has no trailing slash)";
    public static final String ISSUER_IS_GITLAB_URL =
            "issuer is the GitLab instance URL (the iss of its id_tokens)";
    public static final String AUDIENCE_COUNT = "at most 10 allowed audiences";
    public static final String AUDIENCE_LENGTH = "each allowed audience 1-256 chars";
    public static final String AUDIENCE_UNIQUE = "each allowed audience listed once";
    public static final String SUBJECT_MAPPING_REQUIRED = "google.subject mapping required for OIDC";
    public static final String MAPPING_KEY = "mapping key attribute.[a-z0-9_]{1,100} or google.subject, google.groups, google.display_name";
    public static final String MAPPING_ATTRIBUTE_COUNT = "at most 50 custom attributes";
    public static final String MAPPING_EXPRESSION_LENGTH = "mapping expression at most 2048 chars";
    public static final String MAPPING_EXPRESSION_COMPILES = "mapping expression is valid CEL";
    public static final String MAPPING_READS_ASSERTION = "mapping expressions read only assertion (the token's claims)";
    public static final String CONDITION_LENGTH = "attribute condition at most 4096 chars";
    public static final String CONDITION_COMPILES = "attribute condition is valid CEL returning a bool";
    public static final String CONDITION_REFERENCES_CLAIMS =
            "attribute condition must reference the provider's claims (assertion., attribute. or google.)";
    public static final String CONDITION_MAPPED_ONLY = "attribute condition reads only mapped attributes";
    public static final String CONDITION_BOOL_AS_STRING = "GitLab boolean claims are the strings \"true\"/\"false\"";
    public static final String CONDITION_MULTI_TENANT =
            "attribute condition required for a multi-tenant issuer (https://gitlab.com)";

    // who gets what
    public static final String GRANT_REQUIRED = "at least one grant entry (who may impersonate the service account)";
    public static final String GRANT_ENTRY = GrantEntry.RULE;
    public static final String GRANT_ATTRIBUTE_MAPPED = "grant attribute must be mapped by the provider";
    public static final String GRANT_GROUP_MAPPED = "group grants need a google.groups mapping";
    public static final String PROJECT_ROLE = "project role roles/NAME";

    // environments, GitLab, Dataflow
    public static final String ENVIRONMENT_NAME =
            "environment name of letters, digits, spaces and - _ / $ { } ., not starting or ending with /";
    public static final String ENVIRONMENT_UNIQUE = "each environment listed once";
    public static final String GITLAB_URL = "GitLab URL must be https (or http://127.0.0.1 for the sandbox)";
    public static final String GITLAB_PROJECT = "GitLab project path group/project of [A-Za-z0-9_.-] segments";
    public static final String VERIFICATION_JOB = "verification job: merge-request (default), commit (to ref) or none";
    public static final String GIT_REF = "git ref name: no spaces, no .., none of ~^:?*[\\";
    public static final String ENVIRONMENT_SCOPE = "environment scope * or an environment name";
    public static final String DATAFLOW_REGION = "Dataflow region like europe-west1";
    public static final String DATAFLOW_TEMPLATE = "template gs://BUCKET/PATH";
    public static final String DATAFLOW_TEMP_LOCATION = "temp location gs://BUCKET/PATH";

    public static final int ID_MIN = 4;
    public static final int ID_MAX = 32;
    public static final int DISPLAY_NAME_MAX = 32;
    public static final int DESCRIPTION_MAX = 256;
    public static final int MAX_CUSTOM_ATTRIBUTES = 50;
    public static final int MAPPING_EXPRESSION_MAX = 2048;
    public static final int CONDITION_MAX = 4096;
    public static final int MAX_AUDIENCES = 10;
    public static final int AUDIENCE_MAX = 256;

    public static final Pattern ID_CHARS = Pattern.compile("[a-z0-9-]+");
    public static final Pattern ATTRIBUTE_KEY = Pattern.compile("attribute\\.[a-z0-9_]{1,100}");
    public static final Pattern SERVICE_ACCOUNT_ID_SHAPE = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])");
    public static final Pattern PROJECT_ID_SHAPE = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    public static final Pattern ROLE = Pattern.compile("roles/[A-Za-z0-9_.]+");
    public static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9 _\\-/${}.]+");
    public static final Pattern REGION = Pattern.compile("[a-z]+-[a-z]+[0-9]+");
    public static final Pattern GCS_PATH = Pattern.compile("gs://([a-z0-9][a-z0-9._-]{1,220}[a-z0-9])/(.+)");
}
