package dev.wifdesk.ui.setup;

import dev.wifdesk.cel.FederationEvaluator;
import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.Work;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Step 3, Pool & provider: the ids (free, taken or soft-deleted, looked up), the issuer from the
 * GitLab URL, the recommended mapping, the condition builder writing editable CEL, custom or
 * default audience, and the longest {@code sub} checked against the 127-byte limit.
 */
public final class PoolProviderStepViewModel extends StepModel {
    private final SetupService service;
    private final UiExecutor executor;
    private final GitLabPreset preset;
    final StringProperty poolId = new SimpleStringProperty("");
    final StringProperty providerId = new SimpleStringProperty("");
    final StringProperty issuer = new SimpleStringProperty("");
    final StringProperty mapping = new SimpleStringProperty("");
    final StringProperty condition = new SimpleStringProperty("");
    final BooleanProperty customAudience = new SimpleBooleanProperty(true);
    final StringProperty audience = new SimpleStringProperty("");
    final StringProperty longestRef = new SimpleStringProperty("main");
    // the condition builder's inputs
    final StringProperty namespace = new SimpleStringProperty("");
    final StringProperty projectPath = new SimpleStringProperty("");
    final BooleanProperty protectedRefsOnly = new SimpleBooleanProperty(true);
    final ObjectProperty<ConditionBuilder.RefKind> refKind = new SimpleObjectProperty<>(ConditionBuilder.RefKind.ANY);
    final StringProperty environments = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper subjectStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<IdState> poolState = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<IdState> providerState = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper idStatus = new ReadOnlyStringWrapper("");

    public PoolProviderStepViewModel(SetupWizardState state, SpecValidator validator, Messages messages,
                                     SetupService service, UiExecutor executor, FederationEvaluator evaluator) {
        super(state, validator, messages);
        this.service = service;
        this.executor = executor;
        this.preset = new GitLabPreset(evaluator);
        revalidateOn(poolId, providerId, issuer, mapping, condition, customAudience, audience, longestRef);
        poolId.addListener(o -> forgetIdStates());
        providerId.addListener(o -> forgetIdStates());
    }

    @Override
    protected void loadFields() {
        FederationSpec.Gcp gcp = state.spec().gcp();
        poolId.set(gcp.pool() == null ? "gitlab-ci" : gcp.pool().id());
        String suggested = state.suggestedIssuerProperty().get();
        String path = state.spec().gitlab().map(FederationSpec.GitLab::project).orElse("");
        projectPath.set(path == null ? "" : path);
        namespace.set(ConditionBuilder.namespaceOf(projectPath.get()));
        longestRef.set(state.spec().gitlab().map(FederationSpec.GitLab::ref).orElse("main"));
        FederationSpec.Provider p = gcp.provider();
        if (p == null) {
            providerId.set("gitlab");
            issuer.set(suggested);
            mapping.set(GitLabPreset.format(GitLabPreset.recommendedMapping()));
            customAudience.set(true);
            audience.set(suggested);
            writeCondition();
        } else {
            providerId.set(p.id());
            issuer.set(p.issuer() == null ? suggested : p.issuer());
            mapping.set(GitLabPreset.format(p.attributeMapping()));
            condition.set(p.attributeCondition());
            customAudience.set(!p.usesDefaultAudience());
            audience.set(p.usesDefaultAudience() ? suggested : String.join(", ", p.audiences()));
        }
    }

    @Override
    protected void entered() {
        checkIds();
    }

    /** The condition builder's choices written into the (editable) condition. */
    public void writeCondition() {
        condition.set(ConditionBuilder.build(namespace.get(), projectPath.get(), protectedRefsOnly.get(), refKind.get(),
                Arrays.stream(environments.get().split(",")).toList()));
    }

    /** The recommended GitLab mapping back in the editor. */
    public void useRecommendedMapping() {
        mapping.set(GitLabPreset.format(GitLabPreset.recommendedMapping()));
    }

    @Override
    protected FederationSpec candidate() {
        FederationSpec.Pool old = state.spec().gcp().pool();
        String id = poolId.get().strip();
        // a display name that was the id follows the id
        FederationSpec.Pool pool = old == null || old.displayName().equals(old.id())
                ? new FederationSpec.Pool(id, null, old == null ? null : old.description())
                : new FederationSpec.Pool(id, old.displayName(), old.description());
        List<String> audiences = customAudience.get() ? Arrays.stream(audience.get().split(","))
                .map(String::strip).filter(a -> !a.isEmpty()).toList() : List.of();
        FederationSpec.Provider provider = new FederationSpec.Provider(providerId.get().strip(), issuer.get().strip(),
                audiences, GitLabPreset.parse(mapping.get(), new ArrayList<>()), condition.get().strip());
        return SpecEdits.poolAndProvider(state.spec(), pool, provider);
    }

    @Override
    public void store() {
        super.store();
        // the project typed into the condition builder is the one GitLab wiring starts from
        state.spec().gitlab().filter(g -> g.project() == null || g.project().isBlank())
                .filter(g -> !projectPath.get().isBlank())
                .ifPresent(g -> state.setSpec(SpecEdits.gitlab(state.spec(), new FederationSpec.GitLab(g.url(),
                        projectPath.get().strip(), g.ref(), g.variables()))));
    }

    @Override
    protected List<String> fieldPrefixes() {
        return List.of("gcp.pool", "gcp.provider");
    }

    @Override
    protected List<String> ownProblems() {
        List<String> out = new ArrayList<>();
        List<Integer> bad = new ArrayList<>();
        Map<String, String> parsed = GitLabPreset.parse(mapping.get(), bad);
        bad.forEach(line -> out.add(messages.get("setup.provider.mappingLine", line)));
        if (customAudience.get() && audience.get().isBlank()) {
            out.add(messages.get("setup.provider.audienceMissing"));
        }
        String ref = longestRef.get().isBlank() ? "main" : longestRef.get().strip();
        Optional<GitLabPreset.SubjectCheck> sub = projectPath.get().isBlank() ? Optional.empty()
                : preset.checkSubject(parsed, projectPath.get().strip(), ref);
        subjectStatus.set(sub.map(s -> messages.get(s.tooLong() ? "setup.provider.subjectTooLong" : "setup.provider.subjectOk",
                s.bytes(), FederationEvaluator.SUBJECT_MAX_BYTES, s.subject())).orElse(""));
        sub.filter(GitLabPreset.SubjectCheck::tooLong).ifPresent(s -> out.add(subjectStatus.get()));
        return out;
    }

    /** Looks up whether the pool and provider ids are free, taken or soft-deleted. */
    public void checkIds() {
        var connection = state.connection();
        var project = state.project();
        String pool = poolId.get().strip();
        String provider = providerId.get().strip();
        if (connection.isEmpty() || project.isEmpty() || !validator.problemsUnder(candidate(), "gcp.pool.id").isEmpty()
                || !validator.problemsUnder(candidate(), "gcp.provider.id").isEmpty()) {
            return;
        }
        idStatus.set(messages.get("setup.provider.checkingIds"));
        String number = project.get().projectNumber();
        executor.run(Work.of(() -> new IdState[] {service.poolState(connection.get(), number, pool),
                service.providerState(connection.get(), number, pool, provider)})
                .boundTo(() -> poolId.get().strip() + "/" + providerId.get().strip())
                .onSuccess(states -> {
                    poolState.set(states[0]);
                    providerState.set(states[1]);
                    idStatus.set(messages.get("setup.provider.poolState." + states[0].name(), pool) + " "
                            + messages.get("setup.provider.providerState." + states[1].name(), provider));
                })
                .onFailure(t -> idStatus.set(messages.get("setup.provider.idsFailed", ClientErrors.oneLine(t)))));
    }

    /** Instead of undeleting: a fresh pool id (the soft-deleted one is left to expire). */
    public void useFreshPoolId() {
        poolId.set(freshId(poolId.get().strip()));
        checkIds();
    }

    /** Instead of undeleting: a fresh provider id. */
    public void useFreshProviderId() {
        providerId.set(freshId(providerId.get().strip()));
        checkIds();
    }

    /** {@code gitlab-ci} -> {@code gitlab-ci-2}, {@code gitlab-ci-2} -> {@code gitlab-ci-3}, within 32 chars. */
    static String freshId(String id) {
        var m = java.util.regex.Pattern.compile("^(.*)-(\\d+)$").matcher(id);
        String base = m.matches() ? m.group(1) : id;
        int next = m.matches() ? Integer.parseInt(m.group(2)) + 1 : 2;
        String suffix = "-" + next;
        return (base.length() + suffix.length() > 32 ? base.substring(0, 32 - suffix.length()) : base) + suffix;
    }

    private void forgetIdStates() {
        poolState.set(null);
        providerState.set(null);
        idStatus.set("");
    }

    public StringProperty poolIdProperty() {
        return poolId;
    }

    public StringProperty providerIdProperty() {
        return providerId;
    }

    public StringProperty issuerProperty() {
        return issuer;
    }

    public StringProperty mappingProperty() {
        return mapping;
    }

    public StringProperty conditionProperty() {
        return condition;
    }

    public BooleanProperty customAudienceProperty() {
        return customAudience;
    }

    public StringProperty audienceProperty() {
        return audience;
    }

    public StringProperty longestRefProperty() {
        return longestRef;
    }

    public StringProperty namespaceProperty() {
        return namespace;
    }

    public StringProperty projectPathProperty() {
        return projectPath;
    }

    public BooleanProperty protectedRefsOnlyProperty() {
        return protectedRefsOnly;
    }

    public ObjectProperty<ConditionBuilder.RefKind> refKindProperty() {
        return refKind;
    }

    public StringProperty environmentsProperty() {
        return environments;
    }

    public ReadOnlyStringProperty subjectStatusProperty() {
        return subjectStatus.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<IdState> poolStateProperty() {
        return poolState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<IdState> providerStateProperty() {
        return providerState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty idStatusProperty() {
        return idStatus.getReadOnlyProperty();
    }
}
