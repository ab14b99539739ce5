package dev.wifdesk.ui.rotation;

import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.rotate.PoolStatus;
import dev.wifdesk.rotate.RotationPlan;
import dev.wifdesk.rotate.RotationRefused;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.core.Work;
import dev.wifdesk.ui.setup.GitLabAccess;
import dev.wifdesk.ui.setup.SetupWizardState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Rotation screen without a toolkit: the spec (the Setup wizard's, or opened from a file), the overview of the
 * project's pools (policy days), and one phase at a time planned (reads only), shown, and run only
 * after the screen's confirmation. A refusal ({@link RotationRefused}) is shown as its message.
 */
public final class RotationViewModel {
    private final RotationService service;
    private final SetupWizardState wizard;
    private final ConnectionState connection;
    private final SpecParser parser;
    private final UiExecutor executor;
    private final Messages messages;
    private final Clock clock;
    private final PhaseRunViewModel run;

    private final StringProperty specPath = new SimpleStringProperty("");
    private final ObjectProperty<FederationSpec> spec = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper specStatus = new ReadOnlyStringWrapper("");
    /** The GitLab token outside the sandbox: memory only, never logged or saved. */
    private final StringProperty gitlabToken = new SimpleStringProperty("");
    private final StringProperty policyDays = new SimpleStringProperty("90");
    private final StringProperty graceDays = new SimpleStringProperty("7");
    private final BooleanProperty copyUnmanaged = new SimpleBooleanProperty(false);
    private final BooleanProperty overwriteChanged = new SimpleBooleanProperty(false);
    private final ObservableList<PoolStatus> pools = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper overviewStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<RotationReview> review = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper reviewStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper tokenNeeded = new ReadOnlyBooleanWrapper(true);

    public RotationViewModel(RotationService service, SetupWizardState wizard, ConnectionState connection,
                             SpecParser parser, UiExecutor executor, Messages messages, Clock clock) {
        this.service = service;
        this.wizard = wizard;
        this.connection = connection;
        this.parser = parser;
        this.executor = executor;
        this.messages = messages;
        this.clock = clock;
        this.run = new PhaseRunViewModel(executor, messages);
        // another target or project: what was read and planned belongs to the old one
        tokenNeeded.set(connection.current().flatMap(Connection::sandboxGitLab).isEmpty());
        connection.connectionProperty().addListener((o, a, b) -> {
            tokenNeeded.set(b == null || b.sandboxGitLab().isEmpty());
            pools.clear();
            review.set(null);
            refusal.set("");
        });
    }

    /** The wizard's spec once it names a project (the fresh wizard's is empty); the overview follows. */
    public void useWizardSpec() {
        FederationSpec s = wizard.spec();
        if (s == null || s.gcp() == null || s.gcp().project() == null || s.gcp().project().isBlank()) {
            specStatus.set(messages.get("rotation.spec.noWizard"));
            return;
        }
        spec.set(s);
        review.set(null);
        refusal.set("");
        specStatus.set(messages.get("rotation.spec.wizard", s.gcp().pool().id(), s.gcp().project()));
        refresh();
    }

    /** Reads and validates the spec file in the background; the overview follows. */
    public void openSpec() {
        String path = specPath.get() == null ? "" : specPath.get().strip();
        if (path.isEmpty()) {
            specStatus.set(messages.get("rotation.spec.pathMissing"));
            return;
        }
        specStatus.set(messages.get("rotation.spec.reading"));
        executor.run(Work.of(() -> parser.load(Path.of(path)))
                .onSuccess(s -> {
                    spec.set(s);
                    review.set(null);
                    refusal.set("");
                    specStatus.set(messages.get("rotation.spec.loaded", s.gcp().pool().id(), s.gcp().project()));
                    refresh();
                })
                .onFailure(t -> specStatus.set(t instanceof InvalidSpecException e
                        ? messages.get("rotation.spec.invalid", e.report().strip().replace(System.lineSeparator(), "; "))
                        : messages.get("rotation.spec.unreadable", ClientErrors.oneLine(t)))));
    }

    /** Reads the pools of the spec's project (reads only). */
    public void refresh() {
        Optional<Connection> c = connection.current();
        Optional<Integer> days = days(policyDays.get(), 1, "rotation.policyDays");
        if (spec.get() == null || c.isEmpty() || days.isEmpty() || busy.get()) {
            return;
        }
        FederationSpec s = spec.get();
        Optional<GitLabAccess> gitlab = gitlab(c.get(), s);
        busy.set(true);
        overviewStatus.set(messages.get("rotation.overview.reading"));
        executor.run(Work.of(() -> service.pools(c.get(), gitlab, s, Duration.ofDays(days.get())))
                .boundTo(connection::current)
                .onSuccess(list -> {
                    pools.setAll(list);
                    long overdue = list.stream().filter(PoolStatus::overdue).count();
                    overviewStatus.set(messages.get("rotation.overview.count", list.size(), overdue, days.get()));
                })
                .onFailure(t -> overviewStatus.set(messages.get("rotation.overview.failed", ClientErrors.oneLine(t))))
                .onFinally(() -> busy.set(false)));
    }

    /** Plans {@code phase} (reads only) and shows it; nothing runs until {@link #runReviewed}. */
    public void plan(RotationPlan.Phase phase) {
        Optional<Connection> c = connection.current();
        Optional<Integer> grace = days(graceDays.get(), 0, "rotation.graceDays");
        if (spec.get() == null) {
            refusal.set(messages.get("rotation.spec.none"));
            return;
        }
        if (c.isEmpty() || grace.isEmpty() || busy.get() || run.runningProperty().get()) {
            return;
        }
        FederationSpec s = spec.get();
        RotationService.Options options = new RotationService.Options(Duration.ofDays(grace.get()), copyUnmanaged.get(),
                overwriteChanged.get());
        Optional<GitLabAccess> gitlab = gitlab(c.get(), s);
        busy.set(true);
        review.set(null);
        refusal.set("");
        reviewStatus.set(messages.get("rotation.review.planning", messages.get("rotation.phase." + phase.word())));
        executor.run(Work.of(() -> service.plan(c.get(), gitlab, s, phase, options))
                .boundTo(connection::current)
                .onSuccess(r -> {
                    review.set(r);
                    reviewStatus.set(r.changes() == 0 ? messages.get("rotation.review.noChanges")
                            : messages.get("rotation.review.changes", messages.get("rotation.phase." + phase.word()),
                            r.oldPool(), r.newPool(), r.changes()));
                })
                .onFailure(t -> {
                    reviewStatus.set("");
                    refusal.set(t instanceof RotationRefused
                            ? messages.get("rotation.refused", messages.get("rotation.phase." + phase.word()), t.getMessage())
                            : messages.get("rotation.review.failed", ClientErrors.oneLine(t)));
                })
                .onFinally(() -> busy.set(false)));
    }

    /** Runs the reviewed phase; the screen calls it only after the user confirmed the plan. */
    public void runReviewed() {
        RotationReview r = review.get();
        Optional<Connection> c = connection.current();
        if (r == null || r.changes() == 0 || c.isEmpty() || spec.get() == null) {
            return;
        }
        Optional<GitLabAccess> gitlab = gitlab(c.get(), spec.get());
        run.start(r, (listener, cancelled) -> service.run(c.get(), gitlab, r, listener, cancelled),
                (listener, cancelled) -> service.verify(c.get(), gitlab, r, listener, cancelled), () -> {
            // what ran is no longer the plan; the overview shows its effect
            review.set(null);
            reviewStatus.set("");
            refresh();
        });
    }

    /** GitLab as the wizard reached it, the sandbox's own, or the spec's with the token typed on the screen. */
    private Optional<GitLabAccess> gitlab(Connection c, FederationSpec s) {
        if (wizard.gitlab().isPresent()) {
            return wizard.gitlab();
        }
        if (c.sandboxGitLab().isPresent()) {
            return c.sandboxGitLab().map(GitLabAccess::of);
        }
        String token = gitlabToken.get() == null ? "" : gitlabToken.get().strip();
        return s.gitlab().filter(g -> !token.isEmpty()).map(g -> new GitLabAccess(g.url(), token));
    }

    /** A whole number of days of at least {@code min}; otherwise the field's rule is shown. */
    private Optional<Integer> days(String text, int min, String fieldKey) {
        try {
            int n = Integer.parseInt(text == null ? "" : text.strip());
            if (n >= min) {
                return Optional.of(n);
            }
        } catch (NumberFormatException e) {
            // shown below
        }
        refusal.set(messages.get("rotation.badDays", messages.get(fieldKey), text, min));
        return Optional.empty();
    }

    /** The Retire button's text, with the grace period it will use. */
    public StringBinding retireLabel() {
        return Bindings.createStringBinding(() -> messages.get("rotation.phase.retireWithGrace", graceDays.get()), graceDays);
    }

    /** A pool's age in whole days now, or "unknown" (the audit log does not date it). */
    public String age(PoolStatus p) {
        return p.ageDays(clock.instant()).map(d -> messages.get("rotation.pool.days", d))
                .orElse(messages.get("rotation.pool.unknown"));
    }

    public boolean canRun() {
        return review.get() != null && review.get().changes() > 0 && !run.runningProperty().get();
    }

    public PhaseRunViewModel run() {
        return run;
    }

    public StringProperty specPathProperty() {
        return specPath;
    }

    public ObjectProperty<FederationSpec> specProperty() {
        return spec;
    }

    public ReadOnlyStringProperty specStatusProperty() {
        return specStatus.getReadOnlyProperty();
    }

    public StringProperty gitlabTokenProperty() {
        return gitlabToken;
    }

    public StringProperty policyDaysProperty() {
        return policyDays;
    }

    public StringProperty graceDaysProperty() {
        return graceDays;
    }

    public BooleanProperty copyUnmanagedProperty() {
        return copyUnmanaged;
    }

    public BooleanProperty overwriteChangedProperty() {
        return overwriteChanged;
    }

    public ObservableList<PoolStatus> pools() {
        return pools;
    }

    public ReadOnlyStringProperty overviewStatusProperty() {
        return overviewStatus.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RotationReview> reviewProperty() {
        return review.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty reviewStatusProperty() {
        return reviewStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Outside the sandbox the GitLab token is typed on the screen. */
    public ReadOnlyBooleanProperty tokenNeededProperty() {
        return tokenNeeded.getReadOnlyProperty();
    }

    List<PoolStatus> overdue() {
        return pools.stream().filter(PoolStatus::overdue).toList();
    }
}
