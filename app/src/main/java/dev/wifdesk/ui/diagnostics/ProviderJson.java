package dev.wifdesk.ui.diagnostics;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cloud.GoogleClients;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Parses a pasted provider (the JSON the IAM API returns) into the client's model class. */
public final class ProviderJson {
    private static final ObjectMapper STRICT = new ObjectMapper();
    private ProviderJson() {
    }

    /** Thrown with a one-line reason naming what is wrong; never carries the input itself. */
    public static final class InvalidProviderJson extends Exception {
        public InvalidProviderJson(String reason) {
            super(reason);
        }
    }

    public static WorkloadIdentityPoolProvider parse(String json) throws InvalidProviderJson {
        String t = json == null ? "" : json.strip();
        if (!t.startsWith("{")) {
            throw new InvalidProviderJson("not a JSON object (it must start with '{')");
        }
        try {
            // strict syntax check first: the client's parser accepts truncated input
            STRICT.readTree(t);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new InvalidProviderJson("not valid JSON for a provider"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        WorkloadIdentityPoolProvider p;
        try {
            p = GoogleClients.JSON.fromString(t, WorkloadIdentityPoolProvider.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidProviderJson("not valid JSON for a provider (a field has the wrong type)");
        }
        if (p == null || p.getOidc() == null) {
            throw new InvalidProviderJson("no \"oidc\" object: paste an OIDC provider as the IAM API returns it");
        }
        if (p.getOidc().getIssuerUri() == null || p.getOidc().getIssuerUri().isBlank()) {
            throw new InvalidProviderJson("\"oidc.issuerUri\" is missing");
        }
        return p;
    }

    public static String toJson(WorkloadIdentityPoolProvider provider) {
        try {
            return GoogleClients.JSON.toPrettyString(provider);
        } catch (IOException e) {
            return String.valueOf(provider);
        }
    }
}
