package dev.wifdesk.audit;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** Logback's {@code %ex}, redacted: exception messages can quote a token (a client echoing a request). */
public final class RedactingThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return Redactor.redact(super.throwableProxyToString(proxy));
    }
}
