package dev.wifdesk.ui.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/** Logback appender feeding the activity log (redaction happens in {@link ActivityLog#append}). */
public final class ActivityLogAppender extends AppenderBase<ILoggingEvent> {
    public static final String NAME = "WIFDESK_ACTIVITY";
    private static final String APP_LOGGER = "dev.wifdesk";

    private final ActivityLog log;

    public ActivityLogAppender(ActivityLog log) {
        this.log = log;
        setName(NAME);
    }

    @Override
    protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (event.getThrowableProxy() != null) {
            // the exception's message only: stack traces stay out of the activity log
            message = message + " (" + event.getThrowableProxy().getClassName() + ": "
                    + event.getThrowableProxy().getMessage() + ")";
        }
        String logger = event.getLoggerName();
        log.append(new LogEntry(Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(),
                logger.substring(logger.lastIndexOf('.') + 1), message));
    }

    /**
     * Attaches an appender for {@code log} to the app's loggers at INFO. The console appenders
     * already configured keep showing warnings only. Returns the appender, to detach it later.
     */
    public static ActivityLogAppender install(ActivityLog log) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new IllegalStateException("Logback is not the SLF4J backend");
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> console = it.next();
            ThresholdFilter warnOnly = new ThresholdFilter();
            warnOnly.setLevel(Level.WARN.toString());
            warnOnly.start();
            console.addFilter(warnOnly);
        }
        Logger app = context.getLogger(APP_LOGGER);
        if (app.getLevel() == null || app.getLevel().isGreaterOrEqual(Level.WARN)) {
            app.setLevel(Level.INFO);
        }
        ActivityLogAppender appender = new ActivityLogAppender(log);
        appender.setContext(context);
        appender.start();
        app.addAppender(appender);
        return appender;
    }

    /** Detaches and stops this appender (window close, end of a test). */
    public void uninstall() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(APP_LOGGER).detachAppender(this);
        }
        stop();
    }
}
