package dev.wifdesk.diagnose.live;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.json.GenericJson;
import com.google.api.services.cloudresourcemanager.v3.model.Project;
import com.google.api.services.iam.v1.Iam;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.JwksSource;
import dev.wifdesk.cloud.ServiceAccountNames;
import dev.wifdesk.diagnose.IamPolicy;
import dev.wifdesk.diagnose.PoolInfo;
import dev.wifdesk.diagnose.ProviderInfo;
import dev.wifdesk.diagnose.live.LiveFederationState.Part;
import dev.wifdesk.diagnose.live.LiveFederationState.Problem;
import dev.wifdesk.model.ResourceNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one live reader of the command line ({@code diagnose --gitlab-project}) and the GUI
 * (Diagnostics): the provider, its pool, the service account's IAM policy (version 3, so
 * conditional grants keep their role name) and, when the provider holds no inline keys, the
 * issuer's JWKS, each read through the official clients and handed to the engine as the API's
 * own JSON. The service account is named one way for both ({@link ServiceAccountNames}). A read
 * that fails (404, 403, unreachable) becomes a {@link Problem}, never an exception.
 */
public final class LiveFederationReader {
    private final GoogleClients google;
    private final JwksSource jwks;

    /** {@code jwks} reaches the issuers the connection may reach (sandbox mode: only the sandbox's). */
    public LiveFederationReader(GoogleClients google, JwksSource jwks) {
        this.google = google;
        this.jwks = jwks;
    }

    /**
     * The command line's read: the provider named by a job's STS audience
     * ({@code //iam.googleapis.com/projects/NUMBER/.../providers/X}), its project through Resource
     * Manager, then as {@link #around}. Either argument may be null (unknown).
     */
    public LiveFederationState read(String stsAudience, String serviceAccount) {
        Reading r = new Reading();
        Optional<ResourceNames.ProviderRef> ref = stsAudience == null ? Optional.empty() : ResourceNames.parseProvider(stsAudience);
        if (stsAudience != null && ref.isEmpty()) {
            r.problems.add(new Problem(Part.AUDIENCE, stsAudience, null));
        }
        ProviderInfo provider = null;
        if (ref.isPresent()) {
            ResourceNames.ProviderRef p = ref.get();
            Optional<Project> project = project(p.project(), r);
            r.projectNumber = project.map(x -> x.getName().substring(x.getName().lastIndexOf('/') + 1))
                    .orElse(ResourceNames.isProjectNumber(p.project()) ? p.project() : null);
            r.projectId = project.map(Project::getProjectId).orElse(ResourceNames.isProjectNumber(p.project()) ? null : p.project());
            provider = fetch(Part.PROVIDER, p.name(), p.name(), r, () -> iam().projects().locations().workloadIdentityPools()
                    .providers().get(p.name()).execute(), ProviderInfo::fromJson);
        }
        return readAround(r, provider, serviceAccount);
    }

    /**
     * The GUI's read: a provider already in hand (picked live or pasted; may be null), the
     * service account (may be null or blank), and the project its e-mail is looked up in when the
     * e-mail does not name one.
     */
    public LiveFederationState around(ProviderInfo provider, String serviceAccount, String projectId) {
        Reading r = new Reading();
        r.projectId = projectId;
        return readAround(r, provider, serviceAccount);
    }

    private LiveFederationState readAround(Reading r, ProviderInfo provider, String serviceAccount) {
        PoolInfo pool = null;
        Optional<ResourceNames.ProviderRef> ref = provider == null || provider.name() == null ? Optional.empty()
                : ResourceNames.parseProvider(provider.name());
        if (ref.isPresent()) {
            String poolName = ref.get().poolName();
            pool = fetch(Part.POOL, poolName, poolName, r, () -> iam().projects().locations().workloadIdentityPools()
                    .get(poolName).execute(), PoolInfo::fromJson);
        }
        IamPolicy policy = null;
        String policyResource = null;
        String sa = serviceAccount == null || serviceAccount.isBlank() ? null : serviceAccount.trim();
        if (sa != null) {
            String name = ServiceAccountNames.resource(sa, r.projectId);
            policy = fetch(Part.POLICY, sa, name, r, () -> iam().projects().serviceAccounts()
                    .getIamPolicy(name).setOptionsRequestedPolicyVersion(3).execute(), IamPolicy::fromJson);
            policyResource = policy == null ? null : name;
        }
        String keys = issuerKeys(provider, r);
        return new LiveFederationState(provider, pool, policy, r.projectNumber, r.projectId, keys, policyResource,
                r.problems, r.notFound);
    }

    /** The issuer's JWKS, unless the provider carries its keys inline (STS then never asks the issuer). */
    private String issuerKeys(ProviderInfo provider, Reading r) {
        if (provider == null || provider.issuerUri() == null || provider.issuerUri().isBlank()
                || (provider.jwksJson() != null && !provider.jwksJson().isBlank())) {
            return null;
        }
        try {
            return jwks.fetch(provider.issuerUri());
        } catch (IOException | RuntimeException e) {
            r.problems.add(new Problem(Part.JWKS, provider.issuerUri(), e));
            return null;
        }
    }

    private Iam iam() {
        return google.iam();
    }

    /** What one read collects on the way. */
    private static final class Reading {
        final List<Problem> problems = new ArrayList<>();
        final List<String> notFound = new ArrayList<>();
        String projectNumber;
        String projectId;
    }

    /** The project (number and ID) behind a provider name's project part, through CRM {@code projects.get}. */
    private Optional<Project> project(String numberOrId, Reading r) {
        try {
            return Optional.of(google.resourceManager().projects().get("projects/" + numberOrId).execute());
        } catch (IOException | RuntimeException e) {
            r.problems.add(new Problem(Part.PROJECT, numberOrId, e));
            return Optional.empty();
        }
    }

    private interface Call {
        GenericJson execute() throws IOException;
    }

    private interface Parser<T> {
        T parse(String json);
    }

    private <T> T fetch(Part part, String subject, String resource, Reading r, Call call, Parser<T> parser) {
        try {
            GenericJson model = call.execute();
            return parser.parse(GoogleClients.JSON.toString(model));
        } catch (IOException | RuntimeException e) {
            if (e instanceof GoogleJsonResponseException g && g.getStatusCode() == 404) {
                r.notFound.add(resource);
            }
            r.problems.add(new Problem(part, subject, e));
            return null;
        }
    }
}
