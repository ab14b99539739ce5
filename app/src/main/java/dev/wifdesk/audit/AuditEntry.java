package dev.wifdesk.audit;

import java.time.Instant;

/** One mutating call: who did what to which resource, when, and how it ended. */
public record AuditEntry(Instant time, String actor, String action, String resource, String result, String detail) {
}
