package dev.wifdesk.audit;

import java.util.logging.Filter;
import java.util.logging.Logger;

/**
 * Drops one known, harmless java.util.logging message of a library (JavaFX, Jersey) that would
 * otherwise reach stderr on every start; every other record of that logger still shows. The
 * logger is returned so that the caller holds it strongly: java.util.logging keeps its loggers
 * only weakly, and with them their filters.
 */
public final class DroppedLogRecords {
    private DroppedLogRecords() {
    }

    /** Adds to {@code logger}'s filter (if any) one that drops records whose message starts with {@code prefix}. */
    public static Logger startingWith(Logger logger, String prefix) {
        Filter previous = logger.getFilter();
        logger.setFilter(r -> !(r.getMessage() != null && r.getMessage().startsWith(prefix))
                && (previous == null || previous.isLoggable(r)));
        return logger;
    }
}
