package dev.wifdesk.plan;

import dev.wifdesk.audit.AuditEntry;
import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cloud.ClientErrors;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * The one door for mutating calls: each one is made, then written to the audit log with the time,
 * the operator, the call, the resource and how it ended. Reads never come through here. A change
 * that succeeded stays a success when its audit write fails: the failure is logged and kept in
 * {@link #auditFailures()} for the report, since the change is made either way.
 */
public final class AuditedChanges {

    /** One mutating call to a cloud or GitLab API. */
    @FunctionalInterface
    public interface MutatingCall<T> {
        T call() throws Exception;
    }

    private final AuditLog audit;
    private final String actor;
    private final Clock clock;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> auditFailures = new ArrayList<>();

    public AuditedChanges(AuditLog audit, String actor, Clock clock) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.actor = actor == null ? "" : actor;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Makes the call and audits it. {@code call} names the API method, {@code detail} says what
     * changes (never a secret: the audit log redacts tokens, but values of variables are left out).
     */
    public <T> T call(String call, String resource, String detail, MutatingCall<T> body) throws Exception {
        calls.incrementAndGet();
        T value;
        try {
            value = body.call();
        } catch (Exception e) {
            write(call, resource, "failed: " + ClientErrors.oneLine(e), detail);
            throw e;
        }
        write(call, resource, "ok", detail);
        return value;
    }

    private void write(String call, String resource, String result, String detail) {
        try {
            audit.append(new AuditEntry(clock.instant(), actor, call, resource, result, detail));
        } catch (RuntimeException e) {
            String why = ClientErrors.oneLine(e);
            // looked up only here: logging's set-up (~25 ms) would otherwise stand between an apply's plan and its first change
            LoggerFactory.getLogger(AuditedChanges.class).warn(
                    "The change {} on {} ended '{}' but could not be written to the audit log: {}", call, resource, result, why);
            synchronized (auditFailures) {
                auditFailures.add(call + " " + resource + ": " + why);
            }
        }
    }

    /** How many mutating calls were made (a run that finds everything in place makes none). */
    public int mutatingCalls() {
        return calls.get();
    }

    /** One line per change that could not be audited. */
    public List<String> auditFailures() {
        synchronized (auditFailures) {
            return List.copyOf(auditFailures);
        }
    }
}
