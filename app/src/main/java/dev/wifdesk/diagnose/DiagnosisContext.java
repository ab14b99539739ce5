package dev.wifdesk.diagnose;

import dev.wifdesk.model.Issuers;
import dev.wifdesk.cel.FederationEvaluator;
import dev.wifdesk.cel.MappingResult;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one diagnosis run, shared by the stages in order: what the token stage decoded,
 * what the mapping made of it, what the error text carried, and the findings so far.
 */
final class DiagnosisContext {
    private final DiagnosisInput input;
    private final Instant now;
    private final FederationEvaluator evaluator;
    private final List<ErrorMatch> errorMatches;
    private final List<Finding> findings = new ArrayList<>();
    private final List<StageResult> stageResults = new ArrayList<>();
    private Map<String, Object> claims;
    private MappingResult mapping;

    DiagnosisContext(DiagnosisInput input, Instant now, FederationEvaluator evaluator, List<ErrorMatch> errorMatches) {
        this.input = input;
        this.now = now;
        this.evaluator = evaluator;
        this.errorMatches = List.copyOf(errorMatches);
        input.claims().ifPresent(c -> this.claims = c);
    }

    DiagnosisInput input() {
        return input;
    }

    Instant now() {
        return now;
    }

    FederationEvaluator evaluator() {
        return evaluator;
    }

    List<ErrorMatch> errorMatches() {
        return errorMatches;
    }

    Optional<ErrorMatch> errorMatch(KnownError error) {
        return errorMatches.stream().filter(m -> m.error() == error).findFirst();
    }

    boolean errorSays(KnownError... errors) {
        for (KnownError e : errors) {
            if (errorMatch(e).isPresent()) {
                return true;
            }
        }
        return false;
    }

    Optional<Map<String, Object>> claims() {
        return Optional.ofNullable(claims);
    }

    void claims(Map<String, Object> claims) {
        this.claims = claims;
    }

    Optional<MappingResult> mapping() {
        return Optional.ofNullable(mapping);
    }

    void mapping(MappingResult mapping) {
        this.mapping = mapping;
    }

    Optional<ProviderInfo> provider() {
        return input.provider();
    }

    Optional<ResourceNames.ProviderRef> providerRef() {
        return input.provider().flatMap(ProviderInfo::ref);
    }

    /** The project number: given, or read from the provider's name (IAM returns names with the number). */
    Optional<String> projectNumber() {
        if (input.projectNumber().isPresent()) {
            return input.projectNumber();
        }
        return providerRef().map(ResourceNames.ProviderRef::project).filter(ResourceNames::isProjectNumber);
    }

    /** The provider ref with the project number in it (for principals and audiences). */
    Optional<ResourceNames.ProviderRef> providerRefWithNumber() {
        return providerRef().map(r -> new ResourceNames.ProviderRef(projectNumber().orElse(r.project()), r.poolId(),
                r.providerId()));
    }

    /** A string claim; lists give their first element (aud may be a list). */
    Optional<String> claim(String name) {
        if (claims == null) {
            return Optional.empty();
        }
        Object v = claims.get(name);
        if (v instanceof List<?> l) {
            return l.isEmpty() ? Optional.empty() : Optional.of(String.valueOf(l.get(0)));
        }
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    /** The token's audiences: from the claims, else from an error text #1. */
    List<String> audiences() {
        if (claims != null && claims.get("aud") != null) {
            Object v = claims.get("aud");
            List<String> out = new ArrayList<>();
            if (v instanceof List<?> l) {
                l.forEach(a -> out.add(String.valueOf(a)));
            } else {
                out.add(String.valueOf(v));
            }
            return out;
        }
        return errorMatch(KnownError.AUDIENCE_MISMATCH).map(m -> List.of(m.value("aud"))).orElse(List.of());
    }

    /** The token's issuer: from the claims, else from an error text #3/#4. */
    Optional<String> issuer() {
        Optional<String> iss = claim("iss");
        if (iss.isPresent()) {
            return iss;
        }
        return errorMatch(KnownError.ISSUER_MISMATCH).or(() -> errorMatch(KnownError.ISSUER_NOT_FOUND))
                .map(m -> m.value("iss"));
    }

    /** The service account: given, or named by an error text #18. */
    Optional<String> serviceAccount() {
        return input.serviceAccount().or(() -> errorMatch(KnownError.CANNOT_ACT_AS).map(m -> m.value("sa")));
    }

    boolean multiTenantIssuer() {
        String iss = provider().map(ProviderInfo::issuerUri).orElse(null);
        if (iss == null) {
            iss = issuer().orElse(null);
        }
        return Issuers.isMultiTenant(iss);
    }

    Finding add(FindingCode code, Severity severity, String message, String fix, Map<String, String> evidence) {
        Finding f = new Finding(code, severity, message, fix, evidence);
        findings.add(f);
        return f;
    }

    /** Records a stage's outcome as it ends, so a later stage can say what was checked. */
    void stageDone(StageResult result) {
        stageResults.add(result);
    }

    /** The outcomes of the stages that ran before the current one. */
    List<StageResult> stageResults() {
        return List.copyOf(stageResults);
    }

    boolean has(FindingCode code) {
        return findings.stream().anyMatch(f -> f.code() == code);
    }

    List<Finding> findings() {
        return findings;
    }

    /** Evidence maps keep insertion order and drop null values. */
    static Map<String, String> evidence(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return m;
    }
}
