package dev.wifdesk.cloud;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import java.io.IOException;

/**
 * The retry loop of an IAM read-modify-write: each attempt reads the policy, edits it and writes
 * it with the etag read; a 409 (another writer won, stale etag) starts the whole attempt over,
 * with exponential backoff and jitter, a few times; so does a member naming a just-created account.
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

    /**
     * A member naming a service account IAM does not see yet: 400 "... does not exist." (WIRE-FORMATS.md),
     * which for an account created a moment ago passes within seconds.
     */
    static boolean namesAccountNotYetVisible(GoogleJsonResponseException e) {
        String message = e.getDetails() == null ? e.getMessage() : e.getDetails().getMessage();
        return e.getStatusCode() == 400 && message != null && message.startsWith("Service account ")
                && message.contains("does not exist");
    }

    static <T> T run(Attempt<T> attempt, Sleeper sleeper) throws IOException {
        long backoff = 200;
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (GoogleJsonResponseException e) {
                if (!(e.getStatusCode() == 409 || namesAccountNotYetVisible(e)) || n >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
            try {
                // jitter: two writers that lost to each other do not retry in step
                sleeper.sleep(backoff / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while retrying the IAM policy update", e);
            }
            backoff *= 2;
        }
    }
}
