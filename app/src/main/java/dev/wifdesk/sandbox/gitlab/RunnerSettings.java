package dev.wifdesk.sandbox.gitlab;

import java.net.URI;
import java.time.Duration;

/**
 * What the sandbox runner needs: where Google is (the Google sandbox base URL; null = the
 * runner has nowhere to exchange tokens and fails jobs saying so), the job timeout (also the
 * ID token lifetime) and the Dataflow poll interval.
 */
record RunnerSettings(URI googleBase, Duration jobTimeout, Duration pollInterval) {
}
