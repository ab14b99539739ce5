package dev.wifdesk.diagnose.fix;

import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.ResourceNames;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an audience or condition finding into an exact provider patch ("Apply fix").
 * Audience: the token's audience is added to the allowed audiences (existing entries stay, so
 * other pipelines keep working). Condition: GitLab's string booleans are quoted.
 */
public final class FixPlanner {
    static final int MAX_AUDIENCES = 10;
    static final String AUDIENCES_MASK = "oidc.allowedAudiences";
    static final String CONDITION_MASK = "attributeCondition";
    /** Evidence key under which the diagnosis engine puts a corrected condition. */
    static final String CORRECTED_CONDITION = "correctedCondition";

    private static final Set<FindingCode> AUDIENCE_CODES = EnumSet.of(FindingCode.AUDIENCE_TYPO,
            FindingCode.AUDIENCE_MISMATCH, FindingCode.AUDIENCE_DEFAULT_NOT_ALLOWED);
    private static final Set<FindingCode> CONDITION_CODES = EnumSet.of(FindingCode.CONDITION_BOOL_AS_STRING,
            FindingCode.CONDITION_REJECTED);
    /** {@code assertion.x == true} (or !=, false) where GitLab sends the string "true". */
    private static final Pattern BARE_BOOL = Pattern.compile("(assertion\\.[A-Za-z0-9_]+\\s*[=!]=\\s*)(true|false)\\b");
    private static final Pattern BARE_BOOL_LEFT = Pattern.compile("\\b(true|false)(\\s*[=!]=\\s*assertion\\.[A-Za-z0-9_]+)");

    private FixPlanner() {
    }

    public static boolean canFix(FindingCode code) {
        return AUDIENCE_CODES.contains(code) || CONDITION_CODES.contains(code);
    }

    public static Optional<ProviderChange> plan(Finding finding, WorkloadIdentityPoolProvider provider,
                                                Map<String, Object> claims) {
        if (provider == null || provider.getName() == null) {
            return Optional.empty();
        }
        if (AUDIENCE_CODES.contains(finding.code())) {
            return planAudience(finding.code(), provider, claims);
        }
        if (CONDITION_CODES.contains(finding.code())) {
            return planCondition(finding, provider);
        }
        return Optional.empty();
    }

    private static Optional<ProviderChange> planAudience(FindingCode code, WorkloadIdentityPoolProvider provider,
                                                         Map<String, Object> claims) {
        Oidc oidc = provider.getOidc();
        if (oidc == null || claims == null) {
            return Optional.empty();
        }
        List<String> before = oidc.getAllowedAudiences() == null ? List.of() : oidc.getAllowedAudiences();
        List<String> after = new ArrayList<>(before);
        if (before.isEmpty()) {
            // setting allowed audiences switches the default audience off: keep it accepted
            after.add(ResourceNames.defaultAudiences(provider.getName()).get(1));
        }
        TokenClaims.audiences(claims).stream().map(String::trim)
                .filter(a -> !a.isEmpty() && !after.contains(a)).forEach(after::add);
        if (after.equals(before) || after.size() > MAX_AUDIENCES) {
            return Optional.empty();
        }
        Oidc patched = new Oidc().setIssuerUri(oidc.getIssuerUri()).setJwksJson(oidc.getJwksJson())
                .setAllowedAudiences(after);
        WorkloadIdentityPoolProvider body = new WorkloadIdentityPoolProvider().setOidc(patched);
        return Optional.of(new ProviderChange(code, provider.getName(), AUDIENCES_MASK,
                String.join("\n", before), String.join("\n", after), body));
    }

    private static Optional<ProviderChange> planCondition(Finding finding, WorkloadIdentityPoolProvider provider) {
        FindingCode code = finding.code();
        String before = provider.getAttributeCondition();
        if (before == null || before.isBlank()) {
            return Optional.empty();
        }
        // the engine's corrected CEL when it gives one, else the same quoting done here
        String after = finding.evidence().getOrDefault(CORRECTED_CONDITION, quoteBooleans(before));
        if (after.equals(before)) {
            return Optional.empty();
        }
        WorkloadIdentityPoolProvider body = new WorkloadIdentityPoolProvider().setAttributeCondition(after);
        return Optional.of(new ProviderChange(code, provider.getName(), CONDITION_MASK, before, after, body));
    }

    /** {@code assertion.ref_protected == true} -> {@code assertion.ref_protected == "true"}. */
    static String quoteBooleans(String condition) {
        Matcher m = BARE_BOOL.matcher(condition);
        String once = m.replaceAll("$1\"$2\"");
        return BARE_BOOL_LEFT.matcher(once).replaceAll("\"$1\"$2");
    }
}
