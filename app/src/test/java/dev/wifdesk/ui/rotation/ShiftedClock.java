package dev.wifdesk.ui.rotation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock moved ahead by a test (sandbox tokens are minted now; due dates are tested later). */
final class ShiftedClock extends Clock {
    private volatile Duration ahead = Duration.ZERO;

    void moveAhead(Duration d) {
        ahead = ahead.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }
}
