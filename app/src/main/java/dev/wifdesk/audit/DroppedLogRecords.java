package dev.wifdesk.audit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Filter;
import java.util.logging.Logger;

/**
 * Drops one known, harmless java.util.logging message of a library (JavaFX, Jersey) that would
 * otherwise reach stderr on every start; every other record of that logger still shows.
 */
public final class DroppedLogRecords {
    /** java.util.logging keeps its loggers only weakly, and with them their filters: these are held here. */
    private static final Set<Logger> HELD = ConcurrentHashMap.newKeySet();

    private DroppedLogRecords() {
    }

    /** Adds to the filter (if any) of the logger {@code loggerName} one that drops records whose message starts with {@code prefix}. */
    public static void startingWith(String loggerName, String prefix) {
        Logger logger = Logger.getLogger(loggerName);
        Filter previous = logger.getFilter();
        logger.setFilter(r -> !(r.getMessage() != null && r.getMessage().startsWith(prefix))
                && (previous == null || previous.isLoggable(r)));
        HELD.add(logger);
    }
}
