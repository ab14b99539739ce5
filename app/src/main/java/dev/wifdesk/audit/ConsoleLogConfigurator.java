package dev.wifdesk.audit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The app's logging set-up, in code rather than in a logback.xml: Logback finds it through its
 * service loader (META-INF/services) before it would look for an XML file, and parsing one costs a
 * tenth of a second of every start (docs/benchmarks.md "Start-up"). Warnings and errors only on
 * stderr (level from {@code WIFDESK_LOG_LEVEL}); the GUI's activity log shows the rest. Every line
 * goes through the redactor: the message and the exception text.
 */
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {
    public static final String APPENDER = "STDERR";
    public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %rmsg%n%rex";
    static final String LEVEL_VARIABLE = "WIFDESK_LOG_LEVEL";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        configure(context, System.getenv(LEVEL_VARIABLE));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code level}: a level name, or null / unknown for WARN. */
    static void configure(LoggerContext context, String level) {
        Map<String, Supplier<DynamicConverter>> rules = new HashMap<>();
        rules.put("rmsg", RedactingMessageConverter::new);
        rules.put("rex", RedactingThrowableConverter::new);
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(APPENDER);
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.WARN));
        root.addAppender(console);
    }
}
