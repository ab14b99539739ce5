package dev.wifdesk.cloud;

import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.cloudresourcemanager.v3.CloudResourceManager;
import com.google.api.services.dataflow.Dataflow;
import com.google.api.services.iam.v1.Iam;
import com.google.api.services.iamcredentials.v1.IAMCredentials;
import com.google.api.services.serviceusage.v1.ServiceUsage;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;

/** Builds the official Google API clients for one target, all on the target's transport. */
public final class GoogleClients {
    public static final String APPLICATION_NAME = "wifdesk";
    public static final JsonFactory JSON = GsonFactory.getDefaultInstance();

    private final Target target;

    public GoogleClients(Target target) {
        this.target = target;
    }

    public Target target() {
        return target;
    }

    public Iam iam() {
        return new Iam.Builder(target.transport(), JSON, adapter(target.credentials()))
                .setApplicationName(APPLICATION_NAME).build();
    }

    public CloudResourceManager resourceManager() {
        return new CloudResourceManager.Builder(target.transport(), JSON, adapter(target.credentials()))
                .setApplicationName(APPLICATION_NAME).build();
    }

    public ServiceUsage serviceUsage() {
        return new ServiceUsage.Builder(target.transport(), JSON, adapter(target.credentials()))
                .setApplicationName(APPLICATION_NAME).build();
    }

    public Dataflow dataflow() {
        return dataflow(target.credentials());
    }

    /** Dataflow as another identity (e.g. the impersonated service account of a verification). */
    public Dataflow dataflow(GoogleCredentials credentials) {
        return new Dataflow.Builder(target.transport(), JSON, adapter(credentials))
                .setApplicationName(APPLICATION_NAME).build();
    }

    public IAMCredentials iamCredentials(GoogleCredentials credentials) {
        return new IAMCredentials.Builder(target.transport(), JSON, adapter(credentials))
                .setApplicationName(APPLICATION_NAME).build();
    }

    /** Every client retries transient answers (429, 5xx, dropped connections); the sandbox retries sooner. */
    private HttpRequestInitializer adapter(GoogleCredentials credentials) {
        return new TransientRetry(new HttpCredentialsAdapter(credentials),
                target.kind() == Target.Kind.SANDBOX ? 20 : 500);
    }
}
