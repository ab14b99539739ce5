package dev.wifdesk.export;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SetupValues;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --to terraform}: the setup as HCL for the google provider (APIs, pool, provider, service
 * accounts, their IAM members, project IAM members) and the gitlab provider (the CI/CD variables).
 * The project number comes from {@code data "google_project"}; the GitLab token from the gitlab
 * provider's own {@code GITLAB_TOKEN}, never from this file.
 */
final class TerraformConfig implements Exporter {
    private static final String NUMBER = SetupValues.NUMBER_PLACEHOLDER;
    static final String NUMBER_EXPRESSION = "data.google_project.this.number";

    @Override
    public boolean needsProjectNumber() {
        return false;
    }

    @Override
    public String export(ExportRequest request) {
        SetupValues v = SetupValues.withProjectNumberPlaceholder(request.spec());
        HclWriter h = new HclWriter(NUMBER, NUMBER_EXPRESSION);
        h.comment("WIF Desk: the keyless GitLab CI -> Dataflow setup, with the values 'wifdesk apply' creates.");
        providers(v, h);
        h.open("data", "google_project", "this").string("project_id", v.projectId()).close().blank();
        List<String> services = services(v, h);
        String pool = pool(v, h, services);
        String provider = provider(v, h, pool);
        for (SetupValues.Account a : v.serviceAccounts()) {
            account(v, h, a, provider);
        }
        variables(v, h);
        return h.toString();
    }

    private static void providers(SetupValues v, HclWriter h) {
        h.open("terraform").open("required_providers");
        h.map("google", java.util.Map.of("source", "hashicorp/google"));
        if (v.spec().gitlab().isPresent()) {
            h.map("gitlab", java.util.Map.of("source", "gitlabhq/gitlab"));
        }
        h.close().close().blank();
        v.spec().gitlab().map(FederationSpec.GitLab::url).ifPresent(url -> h.comment("the token comes from GITLAB_TOKEN")
                .open("provider", "gitlab").string("base_url", url.replaceAll("/+$", "") + "/api/v4/").close().blank());
    }

    private static List<String> services(SetupValues v, HclWriter h) {
        List<String> refs = new ArrayList<>();
        for (String service : SetupValues.REQUIRED_SERVICES) {
            String label = h.label("service", service.replace(".googleapis.com", ""));
            h.open("resource", "google_project_service", label).string("project", v.projectId()).string("service", service)
                    .bool("disable_on_destroy", false).close().blank();
            refs.add("google_project_service." + label);
        }
        return refs;
    }

    private static String pool(SetupValues v, HclWriter h, List<String> services) {
        var pool = v.spec().gcp().pool();
        String label = h.label("pool", v.poolId());
        h.open("resource", "google_iam_workload_identity_pool", label).string("project", v.projectId())
                .string("workload_identity_pool_id", v.poolId()).string("display_name", pool.displayName());
        if (!pool.description().isEmpty()) {
            h.string("description", pool.description());
        }
        h.raw("depends_on", "[" + String.join(", ", services) + "]").close().blank();
        return "google_iam_workload_identity_pool." + label;
    }

    private static String provider(SetupValues v, HclWriter h, String pool) {
        String label = h.label("provider", v.providerId());
        h.open("resource", "google_iam_workload_identity_pool_provider", label).string("project", v.projectId())
                .raw("workload_identity_pool_id", pool + ".workload_identity_pool_id")
                .string("workload_identity_pool_provider_id", v.providerId())
                .map("attribute_mapping", v.attributeMapping());
        if (!v.attributeCondition().isBlank()) {
            h.string("attribute_condition", v.attributeCondition());
        }
        h.open("oidc").string("issuer_uri", v.spec().gcp().provider().issuer());
        if (!v.allowedAudiences().isEmpty()) {
            h.strings("allowed_audiences", v.allowedAudiences());
        }
        h.close().close().blank();
        return "google_iam_workload_identity_pool_provider." + label;
    }

    private static void account(SetupValues v, HclWriter h, SetupValues.Account a, String provider) {
        List<String> dependsOn = new ArrayList<>(List.of(provider));
        if (a.create()) {
            String label = h.label("sa", a.id());
            h.open("resource", "google_service_account", label).string("project", v.projectId()).string("account_id", a.id())
                    .string("display_name", a.displayName())
                    .close().blank();
            dependsOn.add("google_service_account." + label);
        } else {
            h.comment(a.email() + " is reused: it must exist already");
        }
        String needs = "[" + String.join(", ", dependsOn) + "]";
        for (SetupValues.PolicyMember b : a.policyMembers()) {
            h.open("resource", "google_service_account_iam_member", h.label(a.id(), b.role().replace("roles/", "")))
                    .string("service_account_id", a.resource(v.projectId())).string("role", b.role())
                    .string("member", b.member()).raw("depends_on", needs).close().blank();
        }
        for (String role : v.projectRoles()) {
            h.open("resource", "google_project_iam_member", h.label(a.id(), role.replace("roles/", "")))
                    .string("project", v.projectId()).string("role", role).string("member", a.member())
                    .raw("depends_on", needs).close().blank();
        }
    }

    private static void variables(SetupValues v, HclWriter h) {
        for (SetupValues.Variable var : v.gitlabVariables()) {
            String scope = var.environmentScope().equals("*") ? "all" : var.environmentScope();
            h.open("resource", "gitlab_project_variable", h.label(var.key(), scope)).string("project", v.gitlabProjectPath())
                    .string("key", var.key()).string("value", var.value()).bool("protected", var.isProtected())
                    .bool("masked", var.masked()).string("environment_scope", var.environmentScope()).close().blank();
        }
    }
}
