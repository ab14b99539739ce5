package dev.wifdesk.cli;

import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.diagnose.live.LiveConnections;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecValidator;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options {@code plan} and {@code apply} share: the spec file, where to connect, the output format. */
final class SetupOptions {
    enum Format { text, json }

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "the spec file (YAML or JSON, CLI.md)")
    Path spec;

    @Option(names = "--sandbox", paramLabel = "URL", description = "a running 'wifdesk sandbox serve' (its google URL)")
    String sandbox;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    /** The spec, or bad input naming each field and rule. */
    FederationSpec loadSpec() {
        try {
            return new SpecParser(new SpecValidator(new CelEngine())).load(spec);
        } catch (InvalidSpecException e) {
            throw new BadInputException("--spec " + spec + ": " + e.report().strip().replace(System.lineSeparator(), "; "));
        }
    }

    /** The sandbox, or Google (ADC) and the spec's GitLab with GITLAB_TOKEN. */
    LiveConnections connect(FederationSpec spec) {
        try {
            return sandbox != null ? LiveConnections.sandbox(sandbox)
                    : LiveConnections.cloud(spec.gitlab().map(FederationSpec.GitLab::url).orElse(null), System::getenv,
                            GoogleCredentials::getApplicationDefault);
        } catch (LiveConnections.SetupException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
