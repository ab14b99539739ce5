package dev.wifdesk.cloud;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;

/** A provider PATCH as the IAM API takes it: the provider, the update mask, and the body holding the new values. */
public record ProviderPatch(String providerName, String updateMask, WorkloadIdentityPoolProvider body) {
}
