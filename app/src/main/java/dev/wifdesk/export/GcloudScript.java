package dev.wifdesk.export;

import dev.wifdesk.model.SetupValues;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --to gcloud}: a bash script that makes the setup with gcloud. Safe to re-run: a resource is
 * created only when {@code describe} does not find it (a soft-deleted pool or provider is undeleted),
 * the provider is updated to the spec's values, and IAM bindings are idempotent in gcloud (and
 * retried: a just-created service account is refused as a member for a few seconds). The project
 * number is looked up when the script runs.
 */
final class GcloudScript implements Exporter {
    private static final String NUMBER = SetupValues.NUMBER_PLACEHOLDER;
    private static final String NUMBER_VARIABLE = "PROJECT_NUMBER";
    private static final String PROJECT = "--project=\"${PROJECT_ID}\"";
    private static final String POOL_FLAGS = PROJECT + " --location=global";
    private static final char[] DELIMITERS = {'|', ';', '#', '~', '!', '@'};

    @Override
    public boolean needsProjectNumber() {
        return false;
    }

    @Override
    public String export(ExportRequest request) {
        SetupValues v = SetupValues.withProjectNumberPlaceholder(request.spec());
        List<String> s = new ArrayList<>();
        s.add("#!/usr/bin/env bash");
        s.add("# WIF Desk: the keyless GitLab CI -> Dataflow setup, with the values 'wifdesk apply' creates.");
        s.add("# Safe to re-run: what exists is kept (the provider is updated to these values), IAM bindings are added once.");
        s.add("set -euo pipefail");
        s.add("");
        s.add("# IAM sees a new service account a few seconds after it is created: its bindings are retried");
        s.add("retry() { local n=1; until \"$@\"; do (( n < 5 )) || return 1; sleep $(( n * 2 )); n=$(( n + 1 )); done; }");
        s.add("");
        s.add("PROJECT_ID=" + q(v.projectId()));
        s.add(NUMBER_VARIABLE + "=\"$(gcloud projects describe \"${PROJECT_ID}\" --format='value(projectNumber)')\"");
        s.add("");
        s.add("gcloud services enable " + String.join(" ", SetupValues.REQUIRED_SERVICES.stream().map(ShellWords::quote).toList())
                + " " + PROJECT);
        s.add("");
        pool(v, s);
        provider(v, s);
        accounts(v, s);
        gitlabVariables(v, s);
        return String.join("\n", s) + "\n";
    }

    private static void pool(SetupValues v, List<String> s) {
        var pool = v.spec().gcp().pool();
        String id = q(v.poolId());
        s.add("# workload identity pool");
        s.add("state=\"$(gcloud iam workload-identity-pools describe " + id + " " + POOL_FLAGS
                + " --format='value(state)' 2>/dev/null || true)\"");
        s.add("if [[ -z \"${state}\" ]]; then");
        s.add("  gcloud iam workload-identity-pools create " + id + " " + POOL_FLAGS + " --display-name=" + q(pool.displayName())
                + (pool.description().isEmpty() ? "" : " --description=" + q(pool.description())));
        s.add("elif [[ \"${state}\" == DELETED ]]; then");
        s.add("  gcloud iam workload-identity-pools undelete " + id + " " + POOL_FLAGS);
        s.add("fi");
        s.add("");
    }

    private static void provider(SetupValues v, List<String> s) {
        String id = q(v.providerId());
        String where = POOL_FLAGS + " --workload-identity-pool=" + q(v.poolId());
        List<String> flags = new ArrayList<>();
        flags.add("--issuer-uri=" + q(v.spec().gcp().provider().issuer()));
        flags.add("--attribute-mapping=" + q(list(v.attributeMapping().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList())));
        if (!v.attributeCondition().isBlank()) {
            flags.add("--attribute-condition=" + q(v.attributeCondition()));
        }
        if (!v.allowedAudiences().isEmpty()) {
            flags.add("--allowed-audiences=" + q(list(v.allowedAudiences())));
        }
        String oidc = String.join(" ", flags);
        s.add("# OIDC provider for the GitLab issuer");
        s.add("state=\"$(gcloud iam workload-identity-pools providers describe " + id + " " + where
                + " --format='value(state)' 2>/dev/null || true)\"");
        s.add("if [[ -z \"${state}\" ]]; then");
        s.add("  gcloud iam workload-identity-pools providers create-oidc " + id + " " + where + " " + oidc);
        s.add("else");
        s.add("  if [[ \"${state}\" == DELETED ]]; then");
        s.add("    gcloud iam workload-identity-pools providers undelete " + id + " " + where);
        s.add("  fi");
        s.add("  gcloud iam workload-identity-pools providers update-oidc " + id + " " + where + " " + oidc);
        s.add("fi");
        s.add("");
    }

    private static void accounts(SetupValues v, List<String> s) {
        for (SetupValues.Account a : v.serviceAccounts()) {
            String email = q(a.email());
            s.add("# service account " + a.email() + a.environment().map(e -> " (environment " + e + ")").orElse(""));
            if (a.create()) {
                s.add("if ! gcloud iam service-accounts describe " + email + " " + PROJECT + " >/dev/null 2>&1; then");
                s.add("  gcloud iam service-accounts create " + q(a.id()) + " " + PROJECT + " --display-name="
                        + q(a.displayName()));
                s.add("fi");
            } else {
                s.add("gcloud iam service-accounts describe " + email + " " + PROJECT + " >/dev/null  # reused: must exist");
            }
            for (SetupValues.PolicyMember b : a.policyMembers()) {
                s.add("retry gcloud iam service-accounts add-iam-policy-binding " + email + " " + PROJECT + " --role="
                        + q(b.role()) + " --member=" + ShellWords.quote(b.member(), NUMBER, NUMBER_VARIABLE)
                        + " --condition=None >/dev/null");
            }
            for (String role : v.projectRoles()) {
                s.add("retry gcloud projects add-iam-policy-binding \"${PROJECT_ID}\" --member=" + q(a.member()) + " --role=" + q(role)
                        + " --condition=None >/dev/null");
            }
            s.add("");
        }
    }

    /** The CI/CD variables apply writes, printed with the real number for whoever wires GitLab by hand. */
    private static void gitlabVariables(SetupValues v, List<String> s) {
        List<SetupValues.Variable> vars = v.gitlabVariables();
        if (vars.isEmpty()) {
            return;
        }
        s.add("echo " + q("GitLab CI/CD variables for " + v.gitlabProjectPath() + " (or use the terraform export):"));
        for (SetupValues.Variable var : vars) {
            s.add("printf '  %s=%s  (environment scope %s, protected %s, masked %s)\\n' " + q(var.key()) + " "
                    + ShellWords.quote(var.value(), NUMBER, NUMBER_VARIABLE) + " " + q(var.environmentScope()) + " "
                    + var.isProtected() + " " + var.masked());
        }
    }

    /**
     * A gcloud list or dict flag value: comma-separated, or with gcloud's {@code ^D^} delimiter prefix
     * ({@code gcloud topic escaping}) when an item itself contains a comma.
     */
    static String list(List<String> items) {
        String joined = String.join(",", items);
        if (items.stream().noneMatch(i -> i.contains(","))) {
            return joined;
        }
        for (char d : DELIMITERS) {
            String ds = String.valueOf(d);
            if (items.stream().noneMatch(i -> i.contains(ds))) {
                return "^" + d + "^" + String.join(ds, items);
            }
        }
        throw new IllegalArgumentException("every delimiter gcloud could use occurs in " + items);
    }

    private static String q(String value) {
        return ShellWords.quote(value);
    }
}
