package dev.wifdesk.sandbox.gitlab;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a job log the way GitLab Runner does (collapsible {@code section_start}/{@code section_end}
 * markers, {@code $ command} echo lines) into the job record. Every line passes through
 * redaction first: the ID token and masked variable values never reach the trace.
 */
final class JobTrace {
    static final String MASKED = "[MASKED]";
    private static final String CLEAR = "\r\u001b[0K";

    private final GitLabStore store;
    private final JobRecord job;
    private final List<String> secrets = new ArrayList<>();

    JobTrace(GitLabStore store, JobRecord job) {
        this.store = store;
        this.job = job;
    }

    /** Registers a value that must never appear in the log. */
    void mask(String secret) {
        if (secret != null && !secret.isEmpty()) {
            secrets.add(secret);
        }
    }

    void line(String text) {
        String safe = redact(text);
        store.update(job, j -> j.trace.append(safe).append('\n'));
    }

    void command(String text) {
        line("\u001b[32;1m$ " + text + "\u001b[0;m");
    }

    void error(String text) {
        line("\u001b[31;1mERROR: " + text + "\u001b[0;m");
    }

    void sectionStart(String name, String header) {
        long now = store.clock().instant().getEpochSecond();
        String safe = redact(header);
        store.update(job, j -> j.trace.append("section_start:").append(now).append(':').append(name).append(CLEAR)
                .append("\u001b[0K\u001b[36;1m").append(safe).append("\u001b[0;m\n"));
    }

    void sectionEnd(String name) {
        long now = store.clock().instant().getEpochSecond();
        store.update(job, j -> j.trace.append("section_end:").append(now).append(':').append(name).append(CLEAR).append('\n'));
    }

    /** Google's error texts verbatim: each distinct message in the cause chain, JSON bodies included. */
    void errorChain(Throwable e) {
        String previous = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof GoogleJsonResponseException g && g.getDetails() != null) {
                message = g.getStatusCode() + " " + g.getDetails().getMessage();
            }
            if (message != null && !message.equals(previous)) {
                for (String line : message.split("\\R")) {
                    line(line);
                }
                previous = message;
            }
        }
    }

    String redact(String text) {
        String out = text == null ? "null" : text;
        for (String s : secrets) {
            out = out.replace(s, MASKED);
        }
        return out;
    }
}
