package dev.wifdesk.rotate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RotationMarkerTest {
    private static final Instant T = Instant.parse("2026-11-15T10:00:00Z");

    @Test
    void theMarkerRoundTripsThroughADescription() {
        String prepared = RotationMarker.preparedFrom("gitlab-ci").appendTo("Keyless GitLab CI");
        assertThat(prepared).isEqualTo("Keyless GitLab CI [rotated-from: gitlab-ci]");
        assertThat(RotationMarker.parse(prepared)).contains(new RotationMarker("gitlab-ci", Optional.empty()));
        String switched = RotationMarker.parse(prepared).orElseThrow().switched(T).appendTo(prepared);
        assertThat(switched).isEqualTo("Keyless GitLab CI [rotated-from: gitlab-ci; switched: 2026-11-15T10:00:00Z]");
        assertThat(RotationMarker.parse(switched).orElseThrow().switchedAt()).contains(T);
        assertThat(RotationMarker.parse(switched).orElseThrow().unswitched().appendTo(switched)).isEqualTo(prepared);
        assertThat(RotationMarker.strip(switched)).isEqualTo("Keyless GitLab CI");
    }

    @Test
    void descriptionsWithoutAMarkerOrWithABrokenOneHaveNone() {
        assertThat(RotationMarker.parse("Keyless GitLab CI")).isEmpty();
        assertThat(RotationMarker.parse(null)).isEmpty();
        assertThat(RotationMarker.parse("x [rotated-from: gitlab-ci; switched: yesterday]")).isEmpty();
    }

    @Test
    void aLongDescriptionIsShortenedSoTheMarkerFitsIamsLimit() {
        String d = RotationMarker.preparedFrom("gitlab-ci").switched(T).appendTo("x".repeat(300));
        assertThat(d).hasSize(RotationMarker.DESCRIPTION_MAX).endsWith("switched: 2026-11-15T10:00:00Z]");
        assertThat(RotationMarker.parse(d)).isPresent();
        assertThat(RotationMarker.preparedFrom("gitlab-ci").appendTo("")).isEqualTo("[rotated-from: gitlab-ci]");
    }
}
