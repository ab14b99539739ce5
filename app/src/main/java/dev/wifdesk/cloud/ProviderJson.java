package dev.wifdesk.cloud;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Parses a pasted provider (the JSON the IAM API returns) into the client's model class. */
public final class ProviderJson {
    private static final ObjectMapper STRICT = new ObjectMapper();
    private ProviderJson() {
    }

    /**
     * Thrown with the reason as a message key of {@code i18n/messages.properties} (and its
     * arguments) naming what is wrong; never carries the input itself.
     */
    public static final class InvalidProviderJson extends Exception {
        private final String key;
        private final transient Object[] args;

        public InvalidProviderJson(String key, Object... args) {
            super(key, null, false, false);
            this.key = key;
            this.args = args.clone();
        }

        public String key() {
            return key;
        }

        public Object[] args() {
            return args.clone();
        }
    }

    public static WorkloadIdentityPoolProvider parse(String json) throws InvalidProviderJson {
        String t = json == null ? "" : json.strip();
        if (!t.startsWith("{")) {
            throw new InvalidProviderJson("diag.providerJson.notObject");
        }
        try {
            // strict syntax check first: the client's parser accepts truncated input
            STRICT.readTree(t);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw at == null ? new InvalidProviderJson("diag.providerJson.syntax")
                    : new InvalidProviderJson("diag.providerJson.syntaxAt", at.getLineNr(), at.getColumnNr());
        }
        WorkloadIdentityPoolProvider p;
        try {
            p = GoogleClients.JSON.fromString(t, WorkloadIdentityPoolProvider.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidProviderJson("diag.providerJson.wrongType");
        }
        if (p == null || p.getOidc() == null) {
            throw new InvalidProviderJson("diag.providerJson.noOidc");
        }
        if (p.getOidc().getIssuerUri() == null || p.getOidc().getIssuerUri().isBlank()) {
            throw new InvalidProviderJson("diag.providerJson.noIssuer");
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
