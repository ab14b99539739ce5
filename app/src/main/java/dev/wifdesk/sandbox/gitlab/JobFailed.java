package dev.wifdesk.sandbox.gitlab;

/** Ends a job early with a failure reason; what went wrong is already in the trace. */
final class JobFailed extends Exception {
    final String reason;

    JobFailed(String reason) {
        super(null, null, false, false);
        this.reason = reason;
    }

    /** The job was canceled through the API while it ran. */
    static final class Canceled extends RuntimeException {
        Canceled() {
            super(null, null, false, false);
        }
    }
}
