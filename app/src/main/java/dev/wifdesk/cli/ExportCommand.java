package dev.wifdesk.cli;

import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.diagnose.live.LiveConnections;
import dev.wifdesk.export.ExportFile;
import dev.wifdesk.export.ExportRequest;
import dev.wifdesk.export.Exporter;
import dev.wifdesk.export.Exporters;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecProblem;
import dev.wifdesk.model.SpecValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wifdesk export --spec FILE --to gcloud|terraform|gitlab-ci|cred-config [--out FILE]}: the
 * spec's setup as another tool's input, with the values apply creates. Reads no GitLab token.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the spec's setup as a gcloud script, Terraform, the GitLab CI job or a credential config.")
public final class ExportCommand implements Callable<Integer> {
    private static final String CRED_CONFIG = "cred-config";

    @Spec
    CommandSpec spec;

    @Option(names = "--spec", paramLabel = "FILE", required = true, description = "the spec file (YAML or JSON)")
    Path specFile;
    @Option(names = "--to", paramLabel = "TARGET", required = true, description = "gcloud | terraform | gitlab-ci | cred-config")
    String target;
    @Option(names = "--out", paramLabel = "FILE", description = "write to FILE (atomically) instead of standard output")
    Path out;
    @Option(names = "--project-number", paramLabel = "N", description = "cred-config: the project number (else looked up)")
    String projectNumber;
    @Option(names = "--sandbox", paramLabel = "URL", description = "cred-config: look the number up on a running 'wifdesk sandbox serve'")
    String sandbox;
    @Option(names = "--environment", paramLabel = "NAME", description = "cred-config: impersonate this spec environment's account")
    String environment;
    @Option(names = "--token-file", paramLabel = "PATH",
            description = "cred-config: where the job writes its ID token (default: " + ExportRequest.DEFAULT_TOKEN_FILE + ")")
    String tokenFile;

    private final LiveConnections.CredentialsSource adc;

    public ExportCommand() {
        this(GoogleCredentials::getApplicationDefault);
    }

    /** With the source of Application Default Credentials (tests give their own). */
    ExportCommand(LiveConnections.CredentialsSource adc) {
        this.adc = adc;
    }

    @Override
    public Integer call() {
        if (!Exporters.TARGETS.contains(target)) {
            throw new BadInputException("--to '" + target + "' must be one of " + String.join(", ", Exporters.TARGETS));
        }
        refuseUnusedOptions();
        checkOut();
        FederationSpec federation = load();
        Exporter exporter = Exporters.standard().get(target).orElseThrow(() -> new BadInputException("--to " + target
                + " is not available in this build"));
        ExportRequest request = new ExportRequest(federation, Optional.empty(), Optional.ofNullable(environment), tokenFile);
        if (environment != null && federation.environments().stream().noneMatch(e -> e.name().equals(environment))) {
            throw new BadInputException("--environment '" + environment + "' is not one of the spec's environments ("
                    + federation.environments().stream().map(FederationSpec.Environment::name).collect(Collectors.joining(", "))
                    + ")");
        }
        if (exporter.needsProjectNumber()) {
            request = request.withProjectNumber(new ProjectNumberLookup(adc).number(federation.gcp().project(), projectNumber,
                    sandbox, "--to " + target));
        }
        write(exporter.export(request));
        return WifdeskCommand.EXIT_OK;
    }

    /** Options only cred-config reads: given with another target they would be silently ignored, so refuse them. */
    private void refuseUnusedOptions() {
        if (target.equals(CRED_CONFIG)) {
            return;
        }
        List<String> given = new ArrayList<>();
        String[][] options = {{"--project-number", projectNumber}, {"--sandbox", sandbox}, {"--environment", environment},
                {"--token-file", tokenFile}};
        for (String[] o : options) {
            if (o[1] != null) {
                given.add(o[0]);
            }
        }
        if (!given.isEmpty()) {
            throw new BadInputException(String.join(", ", given) + " only apply to --to cred-config (gcloud and terraform "
                    + "look the project number up when they run)");
        }
    }

    private FederationSpec load() {
        try {
            return new SpecParser(new SpecValidator(CelEngine.prepared())).load(specFile);
        } catch (InvalidSpecException e) {
            throw new BadInputException("--spec " + specFile + " is not a valid spec: " + e.problems().stream()
                    .map(SpecProblem::message).collect(Collectors.joining("; ")));
        }
    }

    private void checkOut() {
        if (out == null) {
            return;
        }
        if (Files.isDirectory(out)) {
            throw new BadInputException("--out " + out + " is a directory; name the file to write");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new BadInputException("--out " + out + ": the directory " + parent + " does not exist");
        }
    }

    /** Standard output, or the file replaced in one step ({@link ExportFile}). */
    private void write(String text) {
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return;
        }
        try {
            ExportFile.write(out, target, text);
        } catch (IOException e) {
            throw new BadInputException("--out " + out + ": cannot write: " + e.getMessage());
        }
    }
}
