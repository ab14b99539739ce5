package dev.wifdesk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The shipped logging set-up ({@link ConsoleLogConfigurator}, found by Logback's service loader):
 * no token reaches the console, neither in a message nor in an exception; warnings only unless
 * {@code WIFDESK_LOG_LEVEL} says otherwise.
 */
class RedactingLogTest {
    private static final String JWT = "ey" + "JhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

    @Test
    void messagesAndExceptionsAreRedactedWithTheShippedPattern() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        ConsoleLogConfigurator.configure(context, null);
        var console = (OutputStreamAppender<ILoggingEvent>) context.getLogger("ROOT").getAppender(ConsoleLogConfigurator.APPENDER);
        assertThat(console.isStarted()).isTrue();
        String pattern = ((PatternLayoutEncoder) console.getEncoder()).getPattern();

        // the same pattern, written to memory
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> memory = new OutputStreamAppender<>();
        memory.setContext(context);
        memory.setEncoder(encoder);
        memory.setOutputStream(out);
        memory.start();
        var logger = context.getLogger("probe");
        logger.addAppender(memory);

        logger.warn("exchange failed for {}", JWT, new IllegalStateException("subject_token=" + JWT));
        String written = out.toString(StandardCharsets.UTF_8);

        assertThat(written).contains("exchange failed for eyJ" + Redactor.MASK)
                .contains("IllegalStateException: subject_token=eyJ" + Redactor.MASK)
                .doesNotContain("c2lnbmF0dXJl");
        context.stop();
    }

    @Test
    void theLevelIsWarnUnlessTheVariableNamesAnother() {
        assertThat(rootLevel(null)).isEqualTo(ch.qos.logback.classic.Level.WARN);
        assertThat(rootLevel("not-a-level")).isEqualTo(ch.qos.logback.classic.Level.WARN);
        assertThat(rootLevel("debug")).isEqualTo(ch.qos.logback.classic.Level.DEBUG);
    }

    @Test
    void logbackFindsTheConfiguratorThroughItsServiceLoader() {
        // the app's own context: configured by ConsoleLogConfigurator, not by Logback's default
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger("ROOT").getAppender(ConsoleLogConfigurator.APPENDER)).isNotNull();
        assertThat(java.util.ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                .map(p -> p.type().getName())).contains(ConsoleLogConfigurator.class.getName());
    }

    private static ch.qos.logback.classic.Level rootLevel(String level) {
        LoggerContext context = new LoggerContext();
        ConsoleLogConfigurator.configure(context, level);
        ch.qos.logback.classic.Level result = context.getLogger("ROOT").getLevel();
        context.stop();
        return result;
    }
}
