package dev.wifdesk.cli;

import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.diagnose.live.LiveConnections;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
        return loadSpec(new SpecParser(new SpecValidator(new CelEngine())));
    }

    FederationSpec loadSpec(SpecParser parser) {
        try {
            return parser.load(spec);
        } catch (InvalidSpecException e) {
            throw invalid(e);
        }
    }

    /** The bad input a spec that breaks rules makes: the file, then each field and rule, on one line. */
    BadInputException invalid(InvalidSpecException e) {
        return new BadInputException("--spec " + spec + ": " + e.report().strip().replace(System.lineSeparator(), "; "));
    }

    /**
     * The spec file's structure only ({@link SpecParser#read}: syntax, types, keys; no id, limit or
     * CEL rules), when it has no structural problem; empty when it has one or cannot be read
     * ({@link #loadSpec(SpecParser)} then says why).
     */
    Optional<FederationSpec> structureOnly(SpecParser parser) {
        try {
            if (Files.size(spec) > SpecParser.MAX_BYTES) {
                return Optional.empty();
            }
            Path name = spec.getFileName();
            SpecParser.Result shaped = parser.read(name == null ? spec.toString() : name.toString(), Files.readAllBytes(spec));
            return shaped.problems().isEmpty() ? Optional.ofNullable(shaped.spec()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** True when {@link #connect} needs no spec: a sandbox's URL says everything. */
    boolean connectsWithoutSpec() {
        return sandbox != null;
    }

    /** The sandbox, or Google (ADC) and the spec's GitLab with GITLAB_TOKEN ({@code spec} may be null for a sandbox). */
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
