package dev.wifdesk.diagnose.live;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.json.GenericJson;
import com.google.api.services.cloudresourcemanager.v3.model.Project;
import com.google.api.services.iam.v1.Iam;
import dev.wifdesk.audit.Redactor;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.diagnose.IamPolicy;
import dev.wifdesk.diagnose.InvalidJsonException;
import dev.wifdesk.diagnose.PoolInfo;
import dev.wifdesk.diagnose.ProviderInfo;
import dev.wifdesk.model.ResourceNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the live provider, pool and service-account policy through the official IAM and Resource
 * Manager clients and hands them to the engine as the IAM API's own JSON. A failed lookup (404,
 * 403, unreachable) becomes a note, never an exception. Results are cached per (audience, SA):
 * the jobs of one project usually share them.
 */
final class LiveFederationLookup {
    private final GoogleClients google;
    private final Map<String, LiveFederationState> cache = new HashMap<>();

    LiveFederationLookup(GoogleClients google) {
        this.google = google;
    }

    LiveFederationState lookup(String stsAudience, String serviceAccount) {
        return cache.computeIfAbsent(stsAudience + "\n" + serviceAccount, k -> read(stsAudience, serviceAccount));
    }

    private LiveFederationState read(String stsAudience, String serviceAccount) {
        List<String> notes = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        ProviderInfo provider = null;
        PoolInfo pool = null;
        IamPolicy policy = null;
        String projectNumber = null;
        String projectId = null;
        Iam iam = google.iam();
        Optional<ResourceNames.ProviderRef> ref = stsAudience == null ? Optional.empty() : ResourceNames.parseProvider(stsAudience);
        if (stsAudience != null && ref.isEmpty()) {
            notes.add("The STS audience '" + stsAudience + "' is not a provider resource name "
                    + "(//iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER): "
                    + "the provider could not be looked up.");
        }
        if (ref.isPresent()) {
            ResourceNames.ProviderRef r = ref.get();
            Optional<Project> project = project(r.project(), notes);
            projectNumber = project.map(p -> p.getName().substring(p.getName().lastIndexOf('/') + 1))
                    .orElse(ResourceNames.isProjectNumber(r.project()) ? r.project() : null);
            projectId = project.map(Project::getProjectId).orElse(ResourceNames.isProjectNumber(r.project()) ? null : r.project());
            provider = fetch("provider " + r.name(), r.name(), notes, notFound, () -> iam.projects().locations().workloadIdentityPools()
                    .providers().get(r.name()).execute(), ProviderInfo::fromJson);
            pool = fetch("pool " + r.poolName(), r.poolName(), notes, notFound, () -> iam.projects().locations().workloadIdentityPools()
                    .get(r.poolName()).execute(), PoolInfo::fromJson);
        }
        if (serviceAccount != null) {
            String name = "projects/-/serviceAccounts/" + serviceAccount;
            // version 3: a version-1 view renames conditional grants to ROLE_withcond_HASH, hiding them from the binding check
            policy = fetch("IAM policy of " + serviceAccount, name, notes, notFound, () -> iam.projects().serviceAccounts()
                    .getIamPolicy(name).setOptionsRequestedPolicyVersion(3).execute(), IamPolicy::fromJson);
        }
        return new LiveFederationState(provider, pool, policy, projectNumber, projectId, notes, notFound);
    }

    /** The project (number and ID) behind a provider name's project part, through CRM {@code projects.get}. */
    private Optional<Project> project(String numberOrId, List<String> notes) {
        try {
            return Optional.of(google.resourceManager().projects().get("projects/" + numberOrId).execute());
        } catch (IOException | RuntimeException e) {
            notes.add(sentence("Cannot read project " + numberOrId + " from Cloud Resource Manager: " + describe(e)));
            return Optional.empty();
        }
    }

    private interface Call {
        GenericJson execute() throws IOException;
    }

    private interface Parser<T> {
        T parse(String json);
    }

    private <T> T fetch(String what, String resource, List<String> notes, List<String> notFound, Call call,
                        Parser<T> parser) {
        try {
            GenericJson model = call.execute();
            return parser.parse(GoogleClients.JSON.toString(model));
        } catch (IOException | RuntimeException e) {
            if (e instanceof GoogleJsonResponseException g && g.getStatusCode() == 404) {
                notFound.add(resource);
            }
            if (e instanceof InvalidJsonException) {
                notes.add(sentence("The " + what + " could not be read: " + e.getMessage()));
            } else {
                notes.add(sentence("Cannot read the " + what + ": " + describe(e)));
            }
            return null;
        }
    }

    /** Server texts usually end with a period already: one, not two. */
    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    /** "404 NOT_FOUND: server text" for API errors, the exception's message otherwise; secrets masked. */
    static String describe(Exception e) {
        if (e instanceof GoogleJsonResponseException g) {
            Object status = g.getDetails() == null ? null : g.getDetails().get("status");
            String statusText = status == null ? "" : " " + status;
            String text = g.getDetails() != null && g.getDetails().getMessage() != null ? g.getDetails().getMessage()
                    : g.getStatusMessage();
            return Redactor.redact(g.getStatusCode() + statusText + ": " + text);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return Redactor.redact(message);
    }
}
