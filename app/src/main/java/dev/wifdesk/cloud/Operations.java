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
 * polls with a growing pause (20 ms doubling up to 250 ms) until {@code done}, at most a timeout;
 * the operation's error becomes an IOException with Google's own text. The one place every
 * change to a pool or provider waits, so all of them time out and report alike.
 */
public final class Operations {
    /** Long enough for real IAM (seconds), short enough that a stuck operation is reported. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final long FIRST_PAUSE_MS = 20;
    /**
     * The longest pause between polls. An operation is seen done at most this (plus one call) after
     * it is: at 500 ms a 1 s operation was seen ~420 ms late (benchmarks.md, "Setup apply"); at
     * 250 ms it is ~100 ms, for at most 4 polls a second.
     */
    static final long MAX_PAUSE_MS = 250;

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
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MS;
        T current = op;
        while (!Boolean.TRUE.equals(done.apply(current))) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException(what + " is still running after " + timeout.toSeconds() + " s ("
                        + name.apply(current) + ")");
            }
            sleep(Math.min(pause, Math.max(1, left / 1_000_000)), what);
            pause = nextPause(pause);
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

    /** The pause after {@code pause}: doubling, up to {@link #MAX_PAUSE_MS}. */
    static long nextPause(long pause) {
        return Math.min(MAX_PAUSE_MS, pause * 2);
    }

    static long firstPause() {
        return FIRST_PAUSE_MS;
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
