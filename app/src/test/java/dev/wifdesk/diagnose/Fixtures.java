package dev.wifdesk.diagnose;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test resources under /diagnose: IAM API shaped provider/pool/policy JSON and realistic GitLab claim sets. */
final class Fixtures {
    static final String NUMBER = "428617359021";
    static final String PROJECT_ID = "sandbox-project";
    static final String POOL = "gitlab-ci";
    static final String PROVIDER_NAME = "projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/providers/gitlab-com";
    static final String DEFAULT_AUDIENCE = "//iam.googleapis.com/" + PROVIDER_NAME;
    static final String POOL_PREFIX = "principalSet://iam.googleapis.com/projects/428617359021/locations/global/workloadIdentityPools/";
    /** iat of every claim set (2026-11-25T18:00:00Z); tokens are valid for an hour from it. */
    static final Instant ISSUED = Instant.parse("2026-11-25T18:00:00Z");
    static final Instant NOW = ISSUED.plusSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/diagnose/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /diagnose/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> claims(String name) {
        try {
            return new LinkedHashMap<>(JSON.readValue(text("claims/" + name + ".json"), Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> claims(String name, Object... overrides) {
        Map<String, Object> c = claims(name);
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                c.remove((String) overrides[i]);
            } else {
                c.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return c;
    }

    static ProviderInfo provider() {
        return ProviderInfo.fromJson(text("provider-gitlab-com.json"));
    }

    /** The standard provider JSON with top-level / oidc fields replaced (JSON values). */
    static ProviderInfo provider(String field, Object value) {
        try {
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(text("provider-gitlab-com.json"));
            if (field.startsWith("oidc.")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("oidc")).set(field.substring(5), JSON.valueToTree(value));
            } else {
                node.set(field, JSON.valueToTree(value));
            }
            return ProviderInfo.fromJson(JSON.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IamPolicy policy(String... members) {
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("role", "roles/iam.workloadIdentityUser");
        binding.put("members", java.util.List.of(members));
        try {
            return IamPolicy.fromJson(JSON.writeValueAsString(Map.of("version", 1, "etag", "BwYkR3mB1x0=",
                    "bindings", java.util.List.of(binding))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DiagnosisInput.Builder input(Map<String, Object> claims) {
        return DiagnosisInput.builder().claims(claims).provider(provider()).now(NOW);
    }
}
