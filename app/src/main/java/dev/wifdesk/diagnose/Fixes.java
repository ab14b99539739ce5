package dev.wifdesk.diagnose;

import dev.wifdesk.model.ResourceNames;
import java.util.List;

/** Concrete gcloud commands for fixes, with the real names when known and CAPITAL placeholders otherwise. */
final class Fixes {
    private Fixes() {
    }

    static String updateProvider(ResourceNames.ProviderRef ref, String flags) {
        return "gcloud iam workload-identity-pools providers update-oidc " + (ref == null ? "PROVIDER" : ref.providerId())
                + " --location=global --workload-identity-pool=" + (ref == null ? "POOL" : ref.poolId())
                + (ref == null ? "" : " --project=" + ref.project()) + " " + flags;
    }

    static String allowedAudiencesFlag(List<String> audiences) {
        return "--allowed-audiences=" + String.join(",", audiences);
    }

    static String addSaBinding(String serviceAccount, String member, String role) {
        return "gcloud iam service-accounts add-iam-policy-binding " + (serviceAccount == null ? "SA_EMAIL" : serviceAccount)
                + " --role=" + role + " --member='" + member + "'";
    }

    static String removeSaBinding(String serviceAccount, String member, String role) {
        return "gcloud iam service-accounts remove-iam-policy-binding " + (serviceAccount == null ? "SA_EMAIL" : serviceAccount)
                + " --role=" + role + " --member='" + member + "'";
    }

    /** Single quotes for a shell: CEL uses double quotes inside. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
