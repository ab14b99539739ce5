package dev.wifdesk.rotate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoolIdsTest {
    private static final Instant Q4 = Instant.parse("2026-11-15T10:00:00Z");

    @Test
    void theNextIdNamesTheQuarterOfTheClockInUtc() {
        assertThat(PoolIds.next("gitlab-ci", Q4, Set.of())).isEqualTo("gitlab-ci-2026q4");
        assertThat(PoolIds.next("gitlab-ci", Instant.parse("2027-01-01T00:00:00Z"), Set.of())).isEqualTo("gitlab-ci-2027q1");
        assertThat(PoolIds.next("gitlab-ci", Instant.parse("2026-06-30T23:59:59Z"), Set.of())).isEqualTo("gitlab-ci-2026q2");
    }

    @Test
    void anEarlierQuarterSuffixIsReplacedNotStacked() {
        assertThat(PoolIds.next("gitlab-ci-2026q3", Q4, Set.of())).isEqualTo("gitlab-ci-2026q4");
        assertThat(PoolIds.next("gitlab-ci-2026q3-2", Q4, Set.of())).isEqualTo("gitlab-ci-2026q4");
    }

    @Test
    void anIdHeldByAnyPoolOrTheCurrentOneIsSkipped() {
        assertThat(PoolIds.next("gitlab-ci", Q4, Set.of("gitlab-ci-2026q4"))).isEqualTo("gitlab-ci-2026q4-2");
        assertThat(PoolIds.next("gitlab-ci", Q4, Set.of("gitlab-ci-2026q4", "gitlab-ci-2026q4-2"))).isEqualTo("gitlab-ci-2026q4-3");
        assertThat(PoolIds.next("gitlab-ci-2026q4", Q4, Set.of())).isEqualTo("gitlab-ci-2026q4-2");
    }

    @Test
    void aLongBaseIsShortenedToKeepTheIdWithin32Chars() {
        String id = PoolIds.next("a-very-long-pool-name-for-gitlab", Q4, Set.of());
        assertThat(id).hasSizeLessThanOrEqualTo(32).endsWith("-2026q4").startsWith("a-very-long-pool-name");
        assertThat(PoolIds.next("a-very-long-pool-name-for-gitlab", Q4, Set.of(id))).hasSizeLessThanOrEqualTo(32)
                .endsWith("-2026q4-2");
    }
}
