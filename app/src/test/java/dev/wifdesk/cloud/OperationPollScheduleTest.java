package dev.wifdesk.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The poll schedule of {@link Operations}, simulated: poll n goes out at {@code pollAt(n)} or, when
 * the previous poll is still being answered then, right after it; each takes one call's latency and
 * reports the state at its end (the later of the two moments, so "seen done" is never flattered).
 * How late is "done" seen, how many polls does it cost, and how busy is the polling of a long
 * operation.
 */
class OperationPollScheduleTest {

    /** The send times of the polls until the one that sees an operation done {@code doneMs} after the wait began. */
    private static List<Long> polls(long doneMs, long callMs) {
        List<Long> sent = new ArrayList<>();
        long answered = 0;
        for (int n = 1; ; n++) {
            long send = Math.max(Operations.pollAt(n), answered);
            sent.add(send);
            answered = send + callMs;
            if (answered >= doneMs) {
                return sent;
            }
        }
    }

    private static long seenDoneAt(long doneMs, long callMs) {
        List<Long> sent = polls(doneMs, callMs);
        return sent.get(sent.size() - 1) + callMs;
    }

    @Test
    void aOneSecondOperationAt50MsPerCallCostsThreePollsAndIsSeenWithinAStepAndACall() {
        // the bench's case (benchmarks.md, "Setup apply"): polling from 20 ms, doubling up to 250 ms,
        // cost 6 polls and saw it at ~1100 ms; each poll is a call against IAM's read quota
        assertThat(polls(1000, 50)).hasSize(3);
        assertThat(seenDoneAt(1000, 50)).isLessThanOrEqualTo(1000 + Operations.POLL_STEP_MS + 50);
        // a 2 s operation (real IAM's are often longer than the sandbox's): 7 polls, not a dozen
        assertThat(polls(2000, 50)).hasSizeLessThanOrEqualTo(7);
    }

    @Test
    void anOperationIsSeenDoneAtMostTheFirstDelayOrOneStepLate() {
        for (long done = 1; done <= 10_000; done += 37) {
            long late = seenDoneAt(done, 50) - done;
            long bound = done < Operations.FIRST_POLL_MS ? Operations.FIRST_POLL_MS + 50 : Operations.POLL_STEP_MS + 50;
            assertThat(late).as("late for an operation of %d ms", done).isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void aLongOperationIsPolledAtMostFourTimesASecondEvenWhenPollsAreSlow() {
        // a minute-long wait (the default timeout) stays gentle on IAM's read quota
        assertThat(polls(60_000, 50)).hasSizeLessThanOrEqualTo(240);
        for (long callMs : new long[] {1, 50, 249, 400, 1200}) {
            List<Long> sent = polls(30_000, callMs);
            for (int i = 1; i < sent.size(); i++) {
                assertThat(sent.get(i) - sent.get(i - 1)).as("gap before poll %d at %d ms per call", i + 1, callMs)
                        .isGreaterThanOrEqualTo(Operations.POLL_STEP_MS);
            }
        }
    }

    @Test
    void pollsAreOnAGridFromTheWaitsStart() {
        // a slow poll does not push the later ones back: the grid is fixed, not "pause after each answer"
        assertThat(Operations.pollAt(1)).isEqualTo(Operations.FIRST_POLL_MS);
        assertThat(Operations.pollAt(5)).isEqualTo(Operations.FIRST_POLL_MS + 4 * Operations.POLL_STEP_MS);
        assertThat(catchThrowable(() -> Operations.pollAt(0))).isInstanceOf(IllegalArgumentException.class);
    }
}
