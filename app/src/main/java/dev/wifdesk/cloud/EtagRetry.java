package dev.wifdesk.cloud;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import java.io.IOException;

/**
 * The retry loop of an IAM read-modify-write: each attempt reads the policy, edits it and writes
 * it with the etag read; a 409 (another writer won, stale etag) starts the whole attempt over,
 * with exponential backoff, a few times.
 */
final class EtagRetry {
    static final int MAX_ATTEMPTS = 5;

    /** Waits between attempts; tests pass a no-op. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    interface Attempt<T> {
        T run() throws IOException;
    }

    private EtagRetry() {
    }

    static <T> T run(Attempt<T> attempt, Sleeper sleeper) throws IOException {
        long backoff = 200;
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (GoogleJsonResponseException e) {
                if (e.getStatusCode() != 409 || n >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
            try {
                sleeper.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while retrying the IAM policy update", e);
            }
            backoff *= 2;
        }
    }
}
