package dev.wifdesk.verify;

import dev.wifdesk.audit.AuditEntry;
import dev.wifdesk.audit.AuditLog;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** When an IAM policy of the setup was last written: a failure right after that may only be IAM propagation. */
public interface BindingHistory {
    /** Nothing known: no failure is ever put down to propagation. */
    BindingHistory NONE = resources -> Optional.empty();

    /** The latest successful policy write on any of {@code resources}. */
    Optional<Instant> lastPolicyWrite(Collection<String> resources);

    /** From the audit log every mutating call goes to (setIamPolicy entries that ended ok). */
    static BindingHistory of(AuditLog audit) {
        return resources -> {
            try {
                return audit.read().stream()
                        .filter(e -> e.action().endsWith("setIamPolicy") && "ok".equals(e.result())
                                && resources.contains(e.resource()))
                        .map(AuditEntry::time).max(Comparator.naturalOrder());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        };
    }
}
