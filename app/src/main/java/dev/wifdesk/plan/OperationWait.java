package dev.wifdesk.plan;

import com.google.api.services.iam.v1.Iam;
import com.google.api.services.iam.v1.model.Operation;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for an IAM long-running operation: polls with a doubling pause (capped) until it is done
 * or the timeout passes; an operation's error becomes an IOException with its message.
 */
public final class OperationWait {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final long FIRST_PAUSE_MS = 20;
    static final long MAX_PAUSE_MS = 500;

    /** How to pause between polls (tests count the pauses instead of sleeping). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final Iam iam;
    private final Duration timeout;
    private final Clock clock;
    private final Sleeper sleeper;

    public OperationWait(Iam iam) {
        this(iam, DEFAULT_TIMEOUT, Clock.systemUTC(), Thread::sleep);
    }

    public OperationWait(Iam iam, Duration timeout, Clock clock, Sleeper sleeper) {
        this.iam = iam;
        this.timeout = timeout;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Returns the finished operation. */
    public Operation await(Operation op) throws IOException, InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        long pause = FIRST_PAUSE_MS;
        while (op.getDone() == null || !op.getDone()) {
            if (clock.instant().isAfter(deadline)) {
                throw new IOException("operation " + op.getName() + " not done after " + timeout.toSeconds() + " s");
            }
            sleeper.sleep(pause);
            pause = Math.min(MAX_PAUSE_MS, pause * 2);
            var pools = iam.projects().locations().workloadIdentityPools();
            op = op.getName().contains("/providers/")
                    ? pools.providers().operations().get(op.getName()).execute()
                    : pools.operations().get(op.getName()).execute();
        }
        if (op.getError() != null) {
            throw new IOException("operation " + op.getName() + " failed: " + op.getError().getMessage());
        }
        return op;
    }
}
