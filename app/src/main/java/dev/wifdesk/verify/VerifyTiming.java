package dev.wifdesk.verify;

import java.time.Duration;

/**
 * How long verification waits: between retries while IAM propagates, at most for one check, and
 * how often a pipeline or Dataflow job is polled and for how long. Every wait also ends on cancel.
 */
public record VerifyTiming(Duration retryEvery, Duration maxPropagationWait, Duration pollEvery, Duration pipelineTimeout) {
    /** Real IAM: changes take about 2, up to 7+ minutes (cloud.google.com/iam/docs/access-change-propagation). */
    public static final Duration PROPAGATION_WINDOW = Duration.ofMinutes(7);

    public static VerifyTiming defaults() {
        return new VerifyTiming(Duration.ofSeconds(15), Duration.ofMinutes(8), Duration.ofSeconds(5), Duration.ofMinutes(30));
    }

    public VerifyTiming {
        for (Duration d : new Duration[] {retryEvery, maxPropagationWait, pollEvery, pipelineTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("every duration of VerifyTiming must be positive");
            }
        }
    }
}
