package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.audit.AuditEntry;
import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cloud.ClientErrors;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mutating call and its audit entry (who, what, on which resource, the result). The change's
 * outcome and the audit write are two facts: a change that went through stays "applied" even when
 * the audit log cannot be written (a full disk, a read-only home), and the caller says so apart.
 */
final class AuditedChange {
    private static final Logger LOG = LoggerFactory.getLogger(AuditedChange.class);

    /** The mutating call itself. */
    interface Call {
        void run() throws Exception;
    }

    /** The change went through; {@code auditFailure} is why its audit entry is missing, if it is. */
    record Outcome(Optional<String> auditFailure) {
    }

    private final AuditLog audit;
    private final Clock clock;
    private final String actor;
    private final String action;
    private final String resource;
    private final String detail;

    AuditedChange(AuditLog audit, Clock clock, String actor, String action, String resource, String detail) {
        this.audit = audit;
        this.clock = clock;
        this.actor = actor;
        this.action = action;
        this.resource = resource;
        this.detail = detail;
    }

    /** Runs the call and audits it whatever the outcome; throws only what the call threw. */
    Outcome run(Call call) throws Exception {
        try {
            call.run();
        } catch (Exception e) {
            write("failed: " + ClientErrors.oneLine(e)).ifPresent(why -> LOG.warn("The failed change was not audited: {}", why));
            throw e;
        }
        return new Outcome(write("applied"));
    }

    private Optional<String> write(String result) {
        try {
            audit.append(new AuditEntry(clock.instant(), actor, action, resource, result, detail));
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(ClientErrors.oneLine(e));
        }
    }
}
