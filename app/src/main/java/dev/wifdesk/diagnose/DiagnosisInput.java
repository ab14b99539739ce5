package dev.wifdesk.diagnose;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a diagnosis may look at; any subset may be given (the more, the more stages run).
 * Immutable; build with {@link #builder()}. The raw token is kept only to decode it locally: it
 * is never printed ({@link #toString()} leaves it out).
 */
public final class DiagnosisInput {
    private final String token;
    private final Map<String, Object> claims;
    private final String jwksJson;
    private final ProviderInfo provider;
    private final PoolInfo pool;
    private final IamPolicy policy;
    private final String projectNumber;
    private final String projectId;
    private final String errorText;
    private final String ciConfig;
    private final Instant now;
    private final String stsAudience;
    private final String serviceAccount;
    private final Set<String> notFound;
    private final Set<String> enabledServices;
    private final IamPolicy projectPolicy;
    private final String workerServiceAccount;

    private DiagnosisInput(Builder b) {
        this.token = b.token;
        this.claims = b.claims == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.claims));
        this.jwksJson = b.jwksJson;
        this.provider = b.provider;
        this.pool = b.pool;
        this.policy = b.policy;
        this.projectNumber = blankToNull(b.projectNumber);
        this.projectId = blankToNull(b.projectId);
        this.errorText = b.errorText;
        this.ciConfig = b.ciConfig;
        this.now = b.now;
        this.stsAudience = blankToNull(b.stsAudience);
        this.serviceAccount = blankToNull(b.serviceAccount);
        this.notFound = Set.copyOf(b.notFound);
        this.enabledServices = b.enabledServices == null ? null : Set.copyOf(b.enabledServices);
        this.projectPolicy = b.projectPolicy;
        this.workerServiceAccount = blankToNull(b.workerServiceAccount);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this input, to change one part (e.g. after applying a fix). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.token = token;
        b.claims = claims;
        b.jwksJson = jwksJson;
        b.provider = provider;
        b.pool = pool;
        b.notFound = new java.util.LinkedHashSet<>(notFound);
        b.policy = policy;
        b.projectNumber = projectNumber;
        b.projectId = projectId;
        b.errorText = errorText;
        b.ciConfig = ciConfig;
        b.now = now;
        b.stsAudience = stsAudience;
        b.serviceAccount = serviceAccount;
        b.enabledServices = enabledServices;
        b.projectPolicy = projectPolicy;
        b.workerServiceAccount = workerServiceAccount;
        return b;
    }

    public Optional<String> token() {
        return Optional.ofNullable(token).filter(t -> !t.isBlank());
    }

    public Optional<Map<String, Object>> claims() {
        return Optional.ofNullable(claims);
    }

    public Optional<String> jwksJson() {
        return Optional.ofNullable(jwksJson).filter(t -> !t.isBlank());
    }

    public Optional<ProviderInfo> provider() {
        return Optional.ofNullable(provider);
    }

    public Optional<PoolInfo> pool() {
        return Optional.ofNullable(pool);
    }

    public Optional<IamPolicy> policy() {
        return Optional.ofNullable(policy);
    }

    public Optional<String> projectNumber() {
        return Optional.ofNullable(projectNumber);
    }

    public Optional<String> projectId() {
        return Optional.ofNullable(projectId);
    }

    public Optional<String> errorText() {
        return Optional.ofNullable(errorText).filter(t -> !t.isBlank());
    }

    public Optional<String> ciConfig() {
        return Optional.ofNullable(ciConfig).filter(t -> !t.isBlank());
    }

    public Optional<Instant> now() {
        return Optional.ofNullable(now);
    }

    /** The {@code audience} the job sends to STS (credential config), when known. */
    public Optional<String> stsAudience() {
        return Optional.ofNullable(stsAudience);
    }

    /** The service account the job impersonates, when known (used to write concrete fixes). */
    public Optional<String> serviceAccount() {
        return Optional.ofNullable(serviceAccount);
    }

    /** The services enabled in the project (e.g. dataflow.googleapis.com), when known; empty = not known. */
    public Optional<Set<String>> enabledServices() {
        return Optional.ofNullable(enabledServices);
    }

    /** The project's IAM policy (who holds roles/dataflow.worker, ...), when known. */
    public Optional<IamPolicy> projectPolicy() {
        return Optional.ofNullable(projectPolicy);
    }

    /** The Dataflow job's worker (controller) service account, when known and not the launcher's. */
    public Optional<String> workerServiceAccount() {
        return Optional.ofNullable(workerServiceAccount);
    }

    /** True when the IAM API said this resource (provider or pool name) does not exist. */
    public boolean isNotFound(String resourceName) {
        return notFound.contains(resourceName);
    }

    @Override
    public String toString() {
        return "DiagnosisInput[token=" + (token == null ? "none" : "(" + token.length() + " chars, hidden)")
                + ", claims=" + (claims == null ? "none" : claims.keySet()) + ", provider=" + (provider == null ? "none" : provider.name())
                + ", pool=" + (pool == null ? "none" : pool.name()) + ", policy=" + (policy == null ? "none" : "given")
                + ", projectNumber=" + projectNumber + ", projectId=" + projectId + ", errorText="
                + (errorText == null ? "none" : errorText.length() + " chars") + ", ciConfig="
                + (ciConfig == null ? "none" : "given") + ", now=" + now + ", stsAudience=" + stsAudience
                + ", enabledServices=" + enabledServices + ", projectPolicy=" + (projectPolicy == null ? "none" : "given")
                + ", workerServiceAccount=" + workerServiceAccount + "]";
    }

    /** Builder; every setter accepts null (= not given). */
    public static final class Builder {
        private String token;
        private Map<String, Object> claims;
        private String jwksJson;
        private ProviderInfo provider;
        private PoolInfo pool;
        private IamPolicy policy;
        private String projectNumber;
        private String projectId;
        private String errorText;
        private String ciConfig;
        private Instant now;
        private String stsAudience;
        private String serviceAccount;
        private Set<String> notFound = new java.util.LinkedHashSet<>();
        private Set<String> enabledServices;
        private IamPolicy projectPolicy;
        private String workerServiceAccount;

        private Builder() {
        }

        public Builder token(String token) {
            this.token = token;
            return this;
        }

        public Builder claims(Map<String, ?> claims) {
            this.claims = claims == null ? null : new LinkedHashMap<>(claims);
            return this;
        }

        public Builder jwksJson(String jwksJson) {
            this.jwksJson = jwksJson;
            return this;
        }

        public Builder provider(ProviderInfo provider) {
            this.provider = provider;
            return this;
        }

        public Builder pool(PoolInfo pool) {
            this.pool = pool;
            return this;
        }

        public Builder policy(IamPolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder projectNumber(String projectNumber) {
            this.projectNumber = projectNumber;
            return this;
        }

        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        public Builder errorText(String errorText) {
            this.errorText = errorText;
            return this;
        }

        public Builder ciConfig(String ciConfig) {
            this.ciConfig = ciConfig;
            return this;
        }

        public Builder now(Instant now) {
            this.now = now;
            return this;
        }

        public Builder stsAudience(String stsAudience) {
            this.stsAudience = stsAudience;
            return this;
        }

        public Builder serviceAccount(String serviceAccount) {
            this.serviceAccount = serviceAccount;
            return this;
        }

        /** Resource names (provider, pool, ...) that the IAM API said do not exist (404). */
        public Builder notFound(java.util.Collection<String> resourceNames) {
            this.notFound = new java.util.LinkedHashSet<>(resourceNames);
            return this;
        }

        /** The services enabled in the project, as Service Usage names them (null = not known). */
        public Builder enabledServices(java.util.Collection<String> services) {
            this.enabledServices = services == null ? null : new java.util.LinkedHashSet<>(services);
            return this;
        }

        public Builder projectPolicy(IamPolicy projectPolicy) {
            this.projectPolicy = projectPolicy;
            return this;
        }

        public Builder workerServiceAccount(String workerServiceAccount) {
            this.workerServiceAccount = workerServiceAccount;
            return this;
        }

        public DiagnosisInput build() {
            return new DiagnosisInput(this);
        }
    }
}
