package dev.wifdesk.cloud;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import java.io.IOException;
import java.util.List;

/** The connected project's pools and providers (blocking network calls: background tasks only). */
public interface ProviderDirectory {
    List<ProviderChoice> list(String projectId) throws IOException;

    WorkloadIdentityPoolProvider get(String providerName) throws IOException;

    /** Applies the change (PATCH with its update mask) and waits, bounded, for the operation. */
    void apply(ProviderPatch patch) throws IOException;
}
