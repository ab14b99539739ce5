package dev.wifdesk.plan;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Work on a daemon thread of its own, and the wait for it that gives back the work's own exception.
 * A plan starts a handful of reads side by side: not worth a pool, and a read that hangs must not
 * keep the command from exiting.
 */
public final class Background {
    private Background() {
    }

    /** What runs on the thread. */
    public interface Work<T> {
        T run() throws Exception;
    }

    /** Starts {@code work} on a daemon thread named {@code threadName}. */
    public static <T> CompletableFuture<T> start(String threadName, Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(work.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
        return result;
    }

    /**
     * The result of {@code f}; its failure as thrown: an {@link IOException}, unchecked exception or
     * error as it is, anything else inside an IOException. {@code doing} names the wait if interrupted.
     */
    public static <T> T join(CompletableFuture<T> f, String doing) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + doing);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CompletionException c && c.getCause() != null) {
                cause = c.getCause(); // a failure passed along a thenCompose chain
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }
}
