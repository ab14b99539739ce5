package dev.wifdesk.sandbox.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.model.CiContract;
import dev.wifdesk.model.ResourceNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code gcloud} lines of a job script that the verification needs, run for real against the
 * Google sandbox: {@code iam workload-identity-pools create-cred-config} writes WIRE-FORMATS'
 * credential config into the job's workspace, {@code auth login --cred-file} hands it to
 * google-auth-library (STS exchange + impersonation), {@code dataflow jobs run} launches the
 * template and follows the job. Other gcloud commands are trivial successes.
 */
final class GcloudCommands {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A gcloud line: its words expanded, the same words as written (to name unset variables), the job's variables. */
    record Invocation(List<ShellWords.Word> words, List<ShellWords.Word> written, Map<String, String> variables) {
    }

    private final RunnerSettings settings;
    private final Clock clock;
    private final JobTrace trace;
    private final Runnable checkCanceled;
    private final String projectPath;
    private final List<Path> tempFiles = new ArrayList<>();
    private GoogleCredentials credentials;

    GcloudCommands(RunnerSettings settings, Clock clock, JobTrace trace, Runnable checkCanceled, String projectPath) {
        this.settings = settings;
        this.clock = clock;
        this.trace = trace;
        this.checkCanceled = checkCanceled;
        this.projectPath = projectPath;
    }

    void run(Invocation call, Map<String, String> workspace, Instant deadline) throws JobFailed {
        Args args = Args.of(call);
        String path = String.join(" ", args.positional.subList(0, Math.min(3, args.positional.size())));
        if (path.startsWith("iam workload-identity-pools create-cred-config")) {
            args.rejectEmptyReferences(this);
            createCredConfig(args, workspace);
        } else if (path.startsWith("auth login") && args.has("cred-file")) {
            args.rejectEmptyReferences(this);
            login(args, workspace);
        } else if (path.startsWith("dataflow jobs run")) {
            args.rejectEmptyReferences(this);
            dataflowRun(args, workspace, deadline);
        }
    }

    private void createCredConfig(Args args, Map<String, String> workspace) throws JobFailed {
        String audience = args.required(3, "the provider (AUDIENCE)", this);
        String output = args.requiredFlag("output-file", this);
        String tokenFile = args.requiredFlag("credential-source-file", this);
        // gcloud writes '//iam.googleapis.com/' + AUDIENCE as it is: a full name given here comes out doubled
        String provider = ResourceNames.IAM_PREFIX + audience;
        String serviceAccount = args.flag("service-account");
        // gcloud tests 'if args.service_account': an empty one is none
        workspace.put(output, CiContract.credentialConfig(provider,
                serviceAccount == null || serviceAccount.isBlank() ? null : serviceAccount.strip(), tokenFile));
        trace.line("Created credential configuration file [" + output + "].");
    }

    private void login(Args args, Map<String, String> workspace) throws JobFailed {
        String file = args.requiredFlag("cred-file", this);
        String config = workspace.get(file);
        if (config == null) {
            trace.error("sandbox runner: no file " + file + " in this job's workspace (write it first, e.g. with "
                    + "gcloud iam workload-identity-pools create-cred-config --output-file)");
            throw new JobFailed("script_failure");
        }
        if (settings.googleBase() == null) {
            trace.error("this sandbox GitLab has no Google endpoint to talk to (start it through the Sandbox facade)");
            throw new JobFailed("script_failure");
        }
        JsonNode node = readJson(config);
        String serviceAccount = CiContract.readCredentialConfig(config).map(CiContract.CredentialConfig::serviceAccount)
                .orElse(null);
        String tokenPath = node.path("credential_source").path("file").asText("");
        ((ObjectNode) node.path("credential_source")).put("file", materialize(tokenPath, workspace.get(tokenPath)));
        checkCanceled.run();
        credentials = new FederatedLogin(settings.googleBase(), trace).authenticate(node.toString(), serviceAccount);
        trace.line("Authenticated with external account credentials for: [" + (serviceAccount == null ? "federated principal"
                : serviceAccount) + "].");
        checkCanceled.run();
    }

    private void dataflowRun(Args args, Map<String, String> workspace, Instant deadline) throws JobFailed {
        Map<String, String> parameters = parameters(args, workspace);
        if (credentials == null) {
            trace.error("(gcloud.dataflow.jobs.run) You do not currently have an active account selected.");
            throw new JobFailed("script_failure");
        }
        DataflowLaunch.Launch launch = new DataflowLaunch.Launch(args.required(3, "the job name", this),
                args.requiredFlag("gcs-location", this), args.requiredFlag("region", this),
                args.requiredFlag("project", this), args.flag("staging-location"),
                args.flag("service-account-email"), parameters);
        new DataflowLaunch(settings, clock, trace, checkCanceled).launchAndFollow(launch, credentials, deadline);
    }

    /**
     * {@code --parameters} as gcloud reads it (argument errors come before any call, as in gcloud):
     * from the command line, else from the {@code --flags-file} the job wrote.
     */
    private Map<String, String> parameters(Args args, Map<String, String> workspace) throws JobFailed {
        try {
            if (args.flag("parameters") != null || !args.has("flags-file")) {
                return GcloudDictArg.parse("--parameters", args.flag("parameters"));
            }
            String file = args.requiredFlag("flags-file", this);
            String text = workspace.get(file);
            if (text == null) {
                trace.error("(gcloud.dataflow.jobs.run) sandbox runner: no flags file " + file
                        + " in this job's workspace (write it first, e.g. with printf)");
                throw new JobFailed("script_failure");
            }
            return GcloudDictArg.fromFlagsFile(text, "--parameters").orElse(Map.of());
        } catch (GcloudDictArg.BadSyntax e) {
            trace.error("(gcloud.dataflow.jobs.run) " + e.getMessage());
            throw new JobFailed("script_failure");
        }
    }

    /** A real file holding the workspace file google-auth reads the token from (a path it cannot read when absent). */
    private String materialize(String path, String content) throws JobFailed {
        if (content == null) {
            return path;
        }
        try {
            Path file = PrivateFiles.createTemp("gitlab-id-token-", ".jwt");
            tempFiles.add(file);
            Files.writeString(file, content.strip(), StandardCharsets.UTF_8);
            return file.toAbsolutePath().toString();
        } catch (IOException e) {
            trace.error("cannot write the ID token file: " + e.getMessage());
            throw new JobFailed("script_failure");
        }
    }

    /** Removes the token files this job wrote. */
    void cleanUp() {
        for (Path f : tempFiles) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                f.toFile().deleteOnExit();
            }
        }
    }

    private JsonNode readJson(String text) throws JobFailed {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            trace.error("the credential configuration file is not JSON: " + e.getMessage());
            throw new JobFailed("script_failure");
        }
    }

    /** Says which variable left a required argument empty (the usual cause: a protected variable on an unprotected ref). */
    JobFailed missing(String what, String written) {
        List<String> refs = ScriptInterpreter.references(written == null ? "" : written);
        if (!refs.isEmpty()) {
            trace.error(refs.get(0) + " is not set for this job (CI/CD variables of " + projectPath
                    + "; protected variables only reach protected refs)");
        } else {
            trace.error("sandbox runner: " + what + " is missing");
        }
        return new JobFailed("script_failure");
    }

    /** Positional words and {@code --flag=value} / {@code --flag value} options, expanded and as written. */
    private static final class Args {
        final List<String> positional = new ArrayList<>();
        final List<String> positionalWritten = new ArrayList<>();
        final Map<String, String> flags = new LinkedHashMap<>();
        final Map<String, String> flagsWritten = new LinkedHashMap<>();

        static Args of(Invocation call) {
            Args a = new Args();
            List<ShellWords.Word> w = call.words();
            List<ShellWords.Word> raw = call.written();
            for (int i = 1; i < w.size(); i++) {
                String text = w.get(i).text();
                String written = i < raw.size() ? raw.get(i).text() : text;
                if (text.startsWith("--")) {
                    int eq = text.indexOf('=');
                    if (eq > 0) {
                        a.flags.put(text.substring(2, eq), text.substring(eq + 1));
                        int weq = written.indexOf('=');
                        a.flagsWritten.put(text.substring(2, eq), weq > 0 ? written.substring(weq + 1) : written);
                    } else if (i + 1 < w.size() && !w.get(i + 1).text().startsWith("--")) {
                        a.flags.put(text.substring(2), w.get(i + 1).text());
                        a.flagsWritten.put(text.substring(2), i + 1 < raw.size() ? raw.get(i + 1).text() : "");
                        i++;
                    } else {
                        a.flags.put(text.substring(2), "true");
                    }
                } else {
                    a.positional.add(text);
                    a.positionalWritten.add(written);
                }
            }
            return a;
        }

        /**
         * A flag written with a variable that expanded to nothing fails the line, naming the variable
         * ({@code --parameters} may be empty: a template without parameters).
         */
        void rejectEmptyReferences(GcloudCommands c) throws JobFailed {
            for (int i = 0; i < positional.size(); i++) {
                if (positional.get(i).isBlank() && !ScriptInterpreter.references(positionalWritten.get(i)).isEmpty()) {
                    throw c.missing("argument " + (i + 1), positionalWritten.get(i));
                }
            }
            for (Map.Entry<String, String> f : flags.entrySet()) {
                String written = flagsWritten.getOrDefault(f.getKey(), "");
                if (!f.getKey().equals("parameters") && f.getValue().isBlank()
                        && !ScriptInterpreter.references(written).isEmpty()) {
                    throw c.missing("--" + f.getKey(), written);
                }
            }
        }

        boolean has(String flag) {
            return flags.containsKey(flag);
        }

        String flag(String name) {
            String v = flags.get(name);
            return v == null || v.isBlank() ? null : v;
        }

        String requiredFlag(String name, GcloudCommands c) throws JobFailed {
            String v = flag(name);
            if (v == null) {
                throw c.missing("--" + name, flagsWritten.get(name));
            }
            return v.strip();
        }

        String required(int index, String what, GcloudCommands c) throws JobFailed {
            String v = index < positional.size() ? positional.get(index) : null;
            if (v == null || v.isBlank()) {
                throw c.missing(what, index < positionalWritten.size() ? positionalWritten.get(index) : null);
            }
            return v.strip();
        }
    }
}
