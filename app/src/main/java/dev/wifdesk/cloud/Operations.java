package dev.wifdesk.cloud;

import com.google.api.services.iam.v1.Iam;
import com.google.api.services.iam.v1.model.Operation;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.function.Function;
import com.google.api.services.serviceusage.v1.ServiceUsage;

/**
 * Waits for an IAM long-running operation (pool or provider create, update, delete, undelete):
 * an operation returned done is not polled; otherwise the first poll goes out
 * {@value #FIRST_POLL_MS} ms after the wait began, then one every {@value #POLL_STEP_MS} ms, at
 * most a timeout; the operation's error becomes an IOException with Google's own text. The one
 * place every change to a pool or provider waits, so all of them time out and report alike.
 */
public final class Operations {
    /** Long enough for real IAM (seconds), short enough that a stuck operation is reported. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /**
     * When the first poll goes out, after the wait began. Pool and provider operations take about a
     * second (the sandbox holds them 1 s): polling from 20 ms, doubling, cost 5-6 polls per
     * operation (benchmarks.md, "Setup apply"); from 500 ms it is 3 for a 1 s operation, and one
     * that is done sooner is seen at most this late.
     */
    static final long FIRST_POLL_MS = 500;
    /**
     * The time between polls after the first. Polls are placed on this grid from the wait's start
     * (a slow poll does not push the later ones back), so an operation is seen done at most one
     * step (plus one call) after it is, and a long one is polled at most 4 times a second.
     */
    static final long POLL_STEP_MS = 250;

    private final Iam iam;
    private final Duration timeout;

    public Operations(Iam iam) {
        this(iam, DEFAULT_TIMEOUT);
    }

    public Operations(Iam iam, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.iam = iam;
        this.timeout = timeout;
    }

    /** Same as {@link #await(Operation, String)} naming the change by the operation's name. */
    public Operation await(Operation op) throws IOException {
        return await(op, op == null ? "the operation" : "operation " + op.getName());
    }

    /**
     * Polls {@code op} until done and returns the done operation; {@code what} names the change in
     * the messages ("the update of projects/.../providers/p").
     *
     * @throws InterruptedIOException when the thread is interrupted while it waits
     * @throws IOException            when the operation failed, or is still running at the timeout
     */
    public Operation await(Operation op, String what) throws IOException {
        if (op == null) {
            return null;
        }
        return poll(op, Operation::getDone, Operation::getName, this::get,
                o -> o.getError() == null ? null : o.getError().getMessage(), what);
    }

    /** A Service Usage operation ({@code services.enable}, {@code batchEnable}): the same loop, its own getter. */
    public com.google.api.services.serviceusage.v1.model.Operation await(ServiceUsage serviceUsage,
            com.google.api.services.serviceusage.v1.model.Operation op, String what) throws IOException {
        if (op == null) {
            return null;
        }
        return poll(op, o -> o.getDone(), o -> o.getName(), name -> serviceUsage.operations().get(name).execute(),
                o -> o.getError() == null ? null : o.getError().getMessage(), what);
    }

    private interface Fetch<T> {
        T get(String name) throws IOException;
    }

    private <T> T poll(T op, Function<T, Boolean> done, Function<T, String> name, Fetch<T> fetch,
                       Function<T, String> error, String what) throws IOException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        T current = op;
        for (int poll = 1; !Boolean.TRUE.equals(done.apply(current)); poll++) {
            long now = System.nanoTime();
            long left = deadline - now;
            if (left <= 0) {
                throw new IOException(what + " is still running after " + timeout.toSeconds() + " s ("
                        + name.apply(current) + ")");
            }
            long untilPoll = start + pollAt(poll) * 1_000_000 - now;
            if (untilPoll > 0) {
                sleep(Math.max(1, Math.min(untilPoll, left) / 1_000_000), what);
            }
            current = fetch.get(name.apply(current));
        }
        if (error.apply(current) != null) {
            throw new IOException(what + " failed: " + error.apply(current));
        }
        return current;
    }

    /** Provider operations live under the provider, pool operations under the pool. */
    private Operation get(String name) throws IOException {
        var pools = iam.projects().locations().workloadIdentityPools();
        return name.contains("/providers/") ? pools.providers().operations().get(name).execute()
                : pools.operations().get(name).execute();
    }

    /**
     * When poll number {@code n} (from 1) goes out, in ms after the wait began: {@value #FIRST_POLL_MS},
     * then every {@value #POLL_STEP_MS}. A poll whose time has passed while the previous one was
     * answered goes out at once.
     */
    static long pollAt(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("polls count from 1, got " + n);
        }
        return FIRST_POLL_MS + (n - 1) * POLL_STEP_MS;
    }

    private static void sleep(long ms, String what) throws InterruptedIOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("cancelled while waiting for " + what);
        }
    }
}
