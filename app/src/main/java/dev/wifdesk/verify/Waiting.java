package dev.wifdesk.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/** Sleeps in steps of at most a second so a cancel is seen at once and a countdown can tick. */
final class Waiting {
    /** How a wait sleeps; tests may pass one that advances a clock instead. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final Clock clock;
    private final Sleeper sleeper;

    Waiting(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Waits {@code wait}, telling {@code secondsLeft} the seconds until {@code until} each second.
     *
     * @return false when cancelled (or interrupted: the interrupt flag is kept)
     */
    boolean pause(Duration wait, Instant until, BooleanSupplier cancelled, LongConsumer secondsLeft) {
        Instant end = clock.instant().plus(wait);
        while (clock.instant().isBefore(end)) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            secondsLeft.accept(Math.max(0, Duration.between(clock.instant(), until).toSeconds()));
            long step = Math.min(1000, Math.max(1, Duration.between(clock.instant(), end).toMillis()));
            try {
                sleeper.sleep(step);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !cancelled.getAsBoolean();
    }
}
