package dev.wifdesk.cli;

import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.SandboxStateException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wifdesk sandbox ...}: the embedded emulator of Google Cloud + GitLab. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "The embedded emulator of Google Cloud and GitLab.",
        subcommands = {SandboxCommand.Serve.class})
public final class SandboxCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new BadInputException("missing subcommand: use 'wifdesk sandbox serve' (see 'wifdesk sandbox --help')");
    }

    /** {@code wifdesk sandbox serve}: prints the JSON line, then serves until interrupted. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run the emulator until interrupted; print its base URLs and tokens as one JSON line.")
    static final class Serve implements Callable<Integer> {
        private static final String CANNOT_START = "cannot start the sandbox";
        @Spec
        CommandSpec spec;

        @Option(names = "--port", description = "Google side port on 127.0.0.1 (0 = any free port; GitLab takes the next)")
        int port;

        @Option(names = "--state-dir", description = "keep the sandbox state in this directory")
        Path stateDir;

        @Option(names = "--latency-ms", description = "extra delay on every call")
        long latencyMs;

        @Option(names = "--lro-delay-ms", description = "how long long-running operations stay pending")
        long lroDelayMs;

        @Option(names = "--faults", description = "fault injection spec")
        String faults;

        @Option(names = "--iam-propagation-ms", description = "how long a new IAM binding takes to be honoured by "
                + "permission checks (the policy shows it at once, as real IAM does)")
        long iamPropagationMs;

        /** Released by the shutdown hook; tests may release it to stop serving. */
        final CountDownLatch stop = new CountDownLatch(1);

        @Override
        public Integer call() throws InterruptedException {
            SandboxOptions options = options();
            Sandbox sandbox = startSandbox(options);
            AtomicBoolean closed = new AtomicBoolean();
            Runnable close = () -> {
                if (closed.compareAndSet(false, true)) {
                    sandbox.close();
                }
            };
            Thread hook = new Thread(() -> {
                close.run();
                stop.countDown();
            }, "wifdesk-sandbox-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            PrintWriter out = spec.commandLine().getOut();
            out.println(sandbox.serveJson());
            out.flush();
            try {
                stop.await();
            } finally {
                close.run();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or has run: nothing to remove
                }
            }
            return WifdeskCommand.EXIT_OK;
        }

        private SandboxOptions options() {
            if (port < 0 || port > 65535) {
                throw new BadInputException("--port must be between 0 and 65535, got " + port);
            }
            if (latencyMs < 0) {
                throw new BadInputException("--latency-ms must not be negative, got " + latencyMs);
            }
            if (lroDelayMs < 0) {
                throw new BadInputException("--lro-delay-ms must not be negative, got " + lroDelayMs);
            }
            if (iamPropagationMs < 0) {
                throw new BadInputException("--iam-propagation-ms must not be negative, got " + iamPropagationMs);
            }
            if (stateDir != null && Files.exists(stateDir) && !Files.isDirectory(stateDir)) {
                throw new BadInputException("--state-dir must be a directory, " + stateDir + " is a file");
            }
            try {
                return new SandboxOptions(port, stateDir, latencyMs, lroDelayMs, faults, iamPropagationMs);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }

        private static Sandbox startSandbox(SandboxOptions options) {
            try {
                return Sandbox.start(options);
            } catch (IllegalArgumentException e) {
                // e.g. a --faults spec the Google side cannot parse
                throw new BadInputException(ClientErrors.joined(e.getMessage(), CANNOT_START));
            } catch (SandboxStateException e) {
                // a damaged or unwritable --state-dir is the user's input, like an unreadable file
                throw new BadInputException("--state-dir: " + ClientErrors.joined(e.getMessage(), CANNOT_START));
            } catch (UncheckedIOException e) {
                throw new IllegalStateException(ClientErrors.joined(e.getMessage(), CANNOT_START), e);
            }
        }
    }
}
