package dev.wifdesk.model;

import dev.wifdesk.cel.CelEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Every rule of the WIF-FACTS.md limits table (and the spec's own shape rules) checked before any
 * API call, all problems at once. The rules are grouped per {@link SpecSection} (keyed by field
 * path), so a wizard step checks its section with exactly the rules {@code plan} runs on the whole
 * file: {@link #problems(FederationSpec)} is the sections' problems one after the other, in file order.
 */
public final class SpecValidator {
    /** One rule set: the section whose fields it reports on, and the check. */
    private record RuleSet(SpecSection section, BiConsumer<FederationSpec, List<SpecProblem>> check) {
    }

    private final List<RuleSet> ruleSets;

    public SpecValidator(CelEngine cel) {
        ProviderRules provider = new ProviderRules(cel);
        // file order; a rule that reads another section (grants read the mapping, the issuer is
        // compared with gitlab.url) is filed under the section of the field it reports
        this.ruleSets = List.of(
                new RuleSet(SpecSection.PROJECT, GcpResourceRules::project),
                new RuleSet(SpecSection.POOL, GcpResourceRules::pool),
                new RuleSet(SpecSection.PROVIDER, provider::provider),
                new RuleSet(SpecSection.SERVICE_ACCOUNT, GcpResourceRules::serviceAccount),
                new RuleSet(SpecSection.GRANT, GrantAndEnvironmentRules::grants),
                new RuleSet(SpecSection.PROJECT_ROLES, GcpResourceRules::projectRoles),
                new RuleSet(SpecSection.ENVIRONMENTS, GrantAndEnvironmentRules::environments),
                new RuleSet(SpecSection.GITLAB, GitLabAndDataflowRules::gitlab),
                new RuleSet(SpecSection.PROVIDER, ProviderRules::issuerMatchesGitLab),
                new RuleSet(SpecSection.DATAFLOW, GitLabAndDataflowRules::dataflow));
    }

    /** The spec itself when it breaks no rule. */
    public FederationSpec validate(FederationSpec spec) throws InvalidSpecException {
        throwIfAny(problems(spec));
        return spec;
    }

    /** The spec itself when its {@code section} breaks no rule (other sections are not judged). */
    public FederationSpec validateSection(FederationSpec spec, SpecSection section) throws InvalidSpecException {
        throwIfAny(problems(spec, section));
        return spec;
    }

    /** Every broken rule, in file order; empty when the spec is fine. Null fields count as missing. */
    public List<SpecProblem> problems(FederationSpec spec) {
        List<SpecProblem> out = new ArrayList<>();
        ruleSets.forEach(r -> r.check().accept(spec, out));
        return out;
    }

    /** The broken rules of one section: exactly the problems of {@link #problems(FederationSpec)} that it covers. */
    public List<SpecProblem> problems(FederationSpec spec, SpecSection section) {
        List<SpecProblem> out = new ArrayList<>();
        ruleSets.stream().filter(r -> r.section() == section).forEach(r -> r.check().accept(spec, out));
        return out;
    }

    /**
     * The broken rules whose field lies under a field-path prefix, e.g. {@code gcp.provider.attributeCondition}
     * or {@code environments[1]}; only the sections that can report there run. {@code ""} is the whole spec.
     */
    public List<SpecProblem> problemsUnder(FederationSpec spec, String fieldPrefix) {
        List<SpecProblem> out = new ArrayList<>();
        for (RuleSet r : ruleSets) {
            String section = r.section().prefix();
            if (SpecSection.isUnder(fieldPrefix, section) || SpecSection.isUnder(section, fieldPrefix)) {
                List<SpecProblem> found = new ArrayList<>();
                r.check().accept(spec, found);
                found.stream().filter(p -> SpecSection.isUnder(p.field(), fieldPrefix)).forEach(out::add);
            }
        }
        return out;
    }

    private static void throwIfAny(List<SpecProblem> problems) throws InvalidSpecException {
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
    }
}
