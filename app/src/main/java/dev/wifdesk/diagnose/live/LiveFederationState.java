package dev.wifdesk.diagnose.live;

import dev.wifdesk.diagnose.IamPolicy;
import dev.wifdesk.diagnose.PoolInfo;
import dev.wifdesk.diagnose.ProviderInfo;
import java.util.List;

/**
 * What Google says right now about a job's provider, its pool and the service account's policy;
 * any part may be null when the lookup failed ({@link #notes} say why, in one line each;
 * {@link #notFound} names what IAM answered 404 for).
 */
public record LiveFederationState(ProviderInfo provider, PoolInfo pool, IamPolicy policy, String projectNumber,
                                  String projectId, List<String> notes, List<String> notFound) {
    public LiveFederationState {
        notes = List.copyOf(notes);
        notFound = List.copyOf(notFound);
    }
}
