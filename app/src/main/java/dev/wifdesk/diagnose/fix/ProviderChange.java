package dev.wifdesk.diagnose.fix;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cloud.ProviderPatch;
import dev.wifdesk.model.FindingCode;

/**
 * One proposed provider patch, shown in full before it is applied: which field changes, its
 * value before and after, and the PATCH body with its update mask.
 */
public record ProviderChange(FindingCode cause, String providerName, String updateMask, String before, String after,
                             WorkloadIdentityPoolProvider patchBody) {
    /** What the IAM client sends: the provider, the mask, the body. */
    public ProviderPatch patch() {
        return new ProviderPatch(providerName, updateMask, patchBody);
    }
}
