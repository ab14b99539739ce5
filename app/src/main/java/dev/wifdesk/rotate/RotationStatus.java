package dev.wifdesk.rotate;

import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import dev.wifdesk.audit.AuditEntry;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.model.CiContract;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.plan.GitLabVariables;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.Variable;

/**
 * Every pool of the project (soft-deleted ones too), how old it is, when it was last rotated, when
 * it is due (policy: 90 days unless told otherwise) and which GitLab variables point at it. Reads only.
 */
public final class RotationStatus {
    public static final Duration DEFAULT_POLICY = Duration.ofDays(90);
    private static final String CREATE_CALL = "iam.workloadIdentityPools.create";

    private final GoogleClients google;
    private final Optional<GitLabApi> gitlab;
    private final Clock clock;

    public RotationStatus(GoogleClients google, Optional<GitLabApi> gitlab, Clock clock) {
        this.google = google;
        this.gitlab = gitlab;
        this.clock = clock;
    }

    /** {@code gitlabProject} empty: no variables are read. {@code audit}: the entries to date pools from. */
    public List<PoolStatus> pools(String projectId, Optional<String> gitlabProject, Duration policy, List<AuditEntry> audit)
            throws IOException {
        Map<String, Variable> variables = gitlab.isPresent() && gitlabProject.isPresent()
                ? GitLabVariables.read(gitlab.get(), gitlabProject.get()) : Map.of();
        Instant now = clock.instant();
        List<PoolStatus> out = new ArrayList<>();
        for (WorkloadIdentityPool p : new PoolReader(google).pools(projectId)) {
            String id = PoolReader.idOf(p.getName());
            boolean deleted = PoolReader.DELETED.equals(p.getState());
            Optional<Instant> created = audit.stream().filter(e -> CREATE_CALL.equals(e.action())
                    && p.getName().equals(e.resource()) && "ok".equals(e.result())).map(AuditEntry::time).min(Instant::compareTo);
            Optional<RotationMarker> marker = RotationMarker.parse(p.getDescription());
            Optional<Instant> since = marker.flatMap(RotationMarker::switchedAt).or(() -> created);
            Optional<Instant> due = deleted ? Optional.empty() : since.map(t -> t.plus(policy));
            List<String> pointing = new ArrayList<>();
            variables.forEach((key, v) -> {
                if (CiContract.PROVIDER.equals(v.getKey()) && ResourceNames.parseProvider(String.valueOf(v.getValue()))
                        .map(r -> r.poolName().equals(p.getName())).orElse(false)) {
                    pointing.add(gitlabProject.get() + " " + key);
                }
            });
            out.add(new PoolStatus(id, String.valueOf(p.getState()), Boolean.TRUE.equals(p.getDisabled()), created, marker,
                    due, due.map(now::isAfter).orElse(false), deleted ? Optional.ofNullable(p.getExpireTime())
                    : Optional.empty(), pointing));
        }
        return out;
    }
}
