package dev.wifdesk.rotate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One pool of the project as {@code rotate --status} shows it. {@code created} comes from the audit
 * log (the IAM API gives pools no create time), {@code lastRotation} from the rotation marker (when
 * GitLab was switched to it); the due date is the later of the two plus the policy's period.
 */
public record PoolStatus(String poolId, String state, boolean disabled, Optional<Instant> created,
                         Optional<RotationMarker> marker, Optional<Instant> due, boolean overdue,
                         Optional<String> purgeTime, List<String> pointedAtBy) {
    public PoolStatus {
        pointedAtBy = List.copyOf(pointedAtBy);
    }

    public Optional<Instant> lastRotation() {
        return marker.flatMap(RotationMarker::switchedAt);
    }

    /** Whole days since creation, at {@code now}. */
    public Optional<Long> ageDays(Instant now) {
        return created.map(c -> Duration.between(c, now).toDays());
    }
}
