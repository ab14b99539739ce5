package dev.wifdesk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shipped logback.xml: no token reaches the console, neither in a message nor in an exception. */
class RedactingLogTest {
    private static final String JWT = "ey" + "JhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

    @Test
    void messagesAndExceptionsAreRedactedWithTheShippedPattern() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback.xml"));
        var console = (OutputStreamAppender<ILoggingEvent>) context.getLogger("ROOT").getAppender("STDERR");
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
}
