package dev.wifdesk.sandbox;

import java.nio.file.Path;

/**
 * Knobs of the embedded sandbox (see {@code wifdesk sandbox serve}).
 *
 * @param port       TCP port on 127.0.0.1; 0 picks a free one
 * @param stateDir   directory for the persisted JSON snapshot, or null for in-memory only
 * @param latencyMs  extra delay added to every call
 * @param lroDelayMs how long long-running operations stay {@code done:false}; also paces Dataflow job states
 * @param faults     fault injection spec (syntax in {@code dev.wifdesk.sandbox.google.FaultPlan}), or null/blank
 * @param iamPropagationMs how long a new IAM binding takes before permission checks honour it (0: at once)
 */
public record SandboxOptions(int port, Path stateDir, long latencyMs, long lroDelayMs, String faults,
                             long iamPropagationMs) {

    public SandboxOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must not be negative, got " + latencyMs);
        }
        if (lroDelayMs < 0) {
            throw new IllegalArgumentException("lroDelayMs must not be negative, got " + lroDelayMs);
        }
        if (iamPropagationMs < 0) {
            throw new IllegalArgumentException("iamPropagationMs must not be negative, got " + iamPropagationMs);
        }
    }

    /** Without an IAM propagation delay. */
    public SandboxOptions(int port, Path stateDir, long latencyMs, long lroDelayMs, String faults) {
        this(port, stateDir, latencyMs, lroDelayMs, faults, 0);
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions(0, null, 0, 0, null, 0);
    }

    public SandboxOptions withPort(int newPort) {
        return new SandboxOptions(newPort, stateDir, latencyMs, lroDelayMs, faults, iamPropagationMs);
    }

    public SandboxOptions withStateDir(Path dir) {
        return new SandboxOptions(port, dir, latencyMs, lroDelayMs, faults, iamPropagationMs);
    }

    public SandboxOptions withLatencyMs(long ms) {
        return new SandboxOptions(port, stateDir, ms, lroDelayMs, faults, iamPropagationMs);
    }

    public SandboxOptions withLroDelayMs(long ms) {
        return new SandboxOptions(port, stateDir, latencyMs, ms, faults, iamPropagationMs);
    }

    public SandboxOptions withFaults(String spec) {
        return new SandboxOptions(port, stateDir, latencyMs, lroDelayMs, spec, iamPropagationMs);
    }

    public SandboxOptions withIamPropagationMs(long ms) {
        return new SandboxOptions(port, stateDir, latencyMs, lroDelayMs, faults, ms);
    }
}
