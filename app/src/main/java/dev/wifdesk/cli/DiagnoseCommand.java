package dev.wifdesk.cli;

import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.model.GitLabPaths;
import dev.wifdesk.diagnose.Diagnosis;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.diagnose.DiagnosisInput;
import dev.wifdesk.diagnose.DiagnosisJson;
import dev.wifdesk.diagnose.DiagnosisText;
import dev.wifdesk.diagnose.IamPolicy;
import dev.wifdesk.diagnose.InvalidJsonException;
import dev.wifdesk.diagnose.JsonInputs;
import dev.wifdesk.diagnose.PoolInfo;
import dev.wifdesk.diagnose.ProviderInfo;
import dev.wifdesk.diagnose.live.GitLabProjectNotFoundException;
import dev.wifdesk.diagnose.live.GitLabReadException;
import dev.wifdesk.diagnose.live.LatestFailures;
import dev.wifdesk.diagnose.live.LatestFailuresDiagnosis;
import dev.wifdesk.diagnose.live.LatestFailuresJson;
import dev.wifdesk.diagnose.live.LatestFailuresText;
import dev.wifdesk.diagnose.live.LiveConnections;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code wifdesk diagnose}: reads the given token/claims, provider, pool, policy, error text and
 * CI config, runs the {@link DiagnosisEngine} and prints the CLI.md JSON or a text report.
 * Exit 0 when the verdict is pass, 1 when fail, 2 on bad input.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Explain why a GitLab CI ID token is (or would be) refused by STS / IAM, with concrete fixes.")
public final class DiagnoseCommand implements Callable<Integer> {
    /** Inputs larger than this are not what the options expect (a token is KBs, a job log a few MB). */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    public enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--token", paramLabel = "FILE|-", description = "a GitLab CI ID token (compact JWT); decoded locally, never sent")
    String token;
    @Option(names = "--claims", paramLabel = "FILE", description = "the token's claims as JSON (instead of --token)")
    Path claims;
    @Option(names = "--jwks", paramLabel = "FILE", description = "issuer's JWKS, to check the signature")
    Path jwks;
    @Option(names = "--provider", paramLabel = "FILE", description = "WorkloadIdentityPoolProvider JSON as the IAM API returns it")
    Path provider;
    @Option(names = "--pool", paramLabel = "FILE", description = "WorkloadIdentityPool JSON as the IAM API returns it")
    Path pool;
    @Option(names = "--policy", paramLabel = "FILE", description = "the service account's IAM policy JSON")
    Path policy;
    @Option(names = "--project-number", paramLabel = "N", description = "the project number")
    String projectNumber;
    @Option(names = "--project-id", paramLabel = "ID", description = "the project ID (to recognise it where the number belongs)")
    String projectId;
    @Option(names = "--sts-audience", paramLabel = "AUDIENCE", description = "the audience the job sends to STS (credential config)")
    String stsAudience;
    @Option(names = "--service-account", paramLabel = "EMAIL", description = "the service account the job impersonates")
    String serviceAccount;
    @Option(names = "--error", paramLabel = "FILE|-", description = "error text copied from a failed CI job log")
    String error;
    @Option(names = "--ci-config", paramLabel = "FILE", description = "the project's .gitlab-ci.yml")
    Path ciConfig;
    @Option(names = "--gitlab-project", paramLabel = "PATH",
            description = "diagnose the project's recent failed jobs: read their logs, the CI/CD variables and the live "
                    + "provider/pool/policy (with --sandbox URL, or GitLab at --gitlab-url with GITLAB_TOKEN and Google ADC)")
    String gitlabProject;
    @Option(names = "--sandbox", paramLabel = "URL", description = "a running 'wifdesk sandbox serve' (google URL)")
    String sandbox;
    @Option(names = "--gitlab-url", paramLabel = "URL",
            description = "GitLab for --gitlab-project without --sandbox (default: " + LiveConnections.DEFAULT_GITLAB_URL + ")")
    String gitlabUrl;
    @Option(names = "--now", paramLabel = "ISO-8601", description = "judge expiry at this instant (default: now)")
    String now;
    @Option(names = "--format", paramLabel = "text|json", description = "output format (default: text)")
    Format format = Format.text;

    @Override
    public Integer call() {
        if (gitlabProject != null) {
            return latestFailures();
        }
        if (sandbox != null || gitlabUrl != null) {
            throw new BadInputException((sandbox != null ? "--sandbox" : "--gitlab-url") + " is only used with "
                    + "--gitlab-project PATH (diagnose the project's recent failed jobs)");
        }
        DiagnosisInput.Builder in = DiagnosisInput.builder();
        boolean stdinUsed = false;
        if (token != null) {
            in.token(readTextOrStdin("--token", token));
            stdinUsed = "-".equals(token);
        }
        if (error != null) {
            if ("-".equals(error) && stdinUsed) {
                throw new BadInputException("--token and --error cannot both read standard input ('-')");
            }
            in.errorText(readTextOrStdin("--error", error));
        }
        if (claims != null) {
            in.claims(parse("--claims", claims, text -> JsonInputs.readMap(text, "the claims")));
        }
        if (jwks != null) {
            in.jwksJson(parse("--jwks", jwks, text -> {
                JsonInputs.readObject(text, "the JWKS");
                return text;
            }));
        }
        if (provider != null) {
            in.provider(parse("--provider", provider, ProviderInfo::fromJson));
        }
        if (pool != null) {
            in.pool(parse("--pool", pool, PoolInfo::fromJson));
        }
        if (policy != null) {
            in.policy(parse("--policy", policy, IamPolicy::fromJson));
        }
        if (projectNumber != null) {
            if (!ResourceNames.isProjectNumber(projectNumber)) {
                throw new BadInputException("--project-number '" + projectNumber + "' must be digits only (the project NUMBER, "
                        + "not the ID: gcloud projects describe PROJECT_ID --format='value(projectNumber)')");
            }
            in.projectNumber(projectNumber);
        }
        in.projectId(projectId).stsAudience(stsAudience).serviceAccount(serviceAccount);
        if (ciConfig != null) {
            in.ciConfig(read("--ci-config", ciConfig));
        }
        if (now != null) {
            in.now(instant(now));
        }
        Diagnosis d = new DiagnosisEngine().diagnose(in.build());
        var out = spec.commandLine().getOut();
        out.print(format == Format.json ? new DiagnosisJson().write(d) + System.lineSeparator() : new DiagnosisText().write(d));
        out.flush();
        return d.passed() ? WifdeskCommand.EXIT_OK : WifdeskCommand.EXIT_FAILED;
    }

    /** {@code --gitlab-project}: the project's recent failed jobs, each diagnosed against the live configuration. */
    private int latestFailures() {
        requireOnlyLiveOptions();
        String path = gitlabProject.trim();
        if (!GitLabPaths.isProjectPath(path)) {
            throw new BadInputException("--gitlab-project '" + gitlabProject + "' must be a project path like group/project");
        }
        if (sandbox != null && gitlabUrl != null) {
            throw new BadInputException("--gitlab-url cannot be used with --sandbox (the sandbox says where its GitLab is)");
        }
        LatestFailures result;
        try (LiveConnections live = sandbox != null ? LiveConnections.sandbox(sandbox)
                : LiveConnections.cloud(gitlabUrl, System::getenv, GoogleCredentials::getApplicationDefault)) {
            result = new LatestFailuresDiagnosis(live.gitlab(), live.reader(), new DiagnosisEngine()).diagnose(path);
        } catch (LiveConnections.SetupException | GitLabProjectNotFoundException | GitLabReadException e) {
            throw new BadInputException(e.getMessage());
        }
        var out = spec.commandLine().getOut();
        out.print(format == Format.json ? new LatestFailuresJson().write(result) + System.lineSeparator()
                : new LatestFailuresText().write(result));
        out.flush();
        return result.passed() ? WifdeskCommand.EXIT_OK : WifdeskCommand.EXIT_FAILED;
    }

    /** The live path reads logs and configuration itself: file inputs would be silently ignored, so refuse them. */
    private void requireOnlyLiveOptions() {
        java.util.List<String> given = new java.util.ArrayList<>();
        Object[][] options = {{"--token", token}, {"--claims", claims}, {"--jwks", jwks}, {"--provider", provider},
                {"--pool", pool}, {"--policy", policy}, {"--project-number", projectNumber}, {"--project-id", projectId},
                {"--sts-audience", stsAudience}, {"--service-account", serviceAccount}, {"--error", error},
                {"--ci-config", ciConfig}, {"--now", now}};
        for (Object[] o : options) {
            if (o[1] != null) {
                given.add((String) o[0]);
            }
        }
        if (!given.isEmpty()) {
            throw new BadInputException("--gitlab-project reads the jobs' logs and the live configuration itself; "
                    + "drop " + String.join(", ", given) + " (or drop --gitlab-project to diagnose those inputs)");
        }
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(String option, Path file, Parser<T> parser) {
        String text = read(option, file);
        try {
            return parser.parse(text);
        } catch (InvalidJsonException e) {
            throw new BadInputException(option + " " + file + ": " + e.getMessage());
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new BadInputException("--now '" + text + "' is not an ISO-8601 instant (e.g. 2026-11-25T18:00:00Z)");
            }
        }
    }

    private static String readTextOrStdin(String option, String fileOrDash) {
        if ("-".equals(fileOrDash)) {
            try {
                return new String(readCapped(System.in, option + " (standard input)"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BadInputException(option + ": cannot read standard input: " + e.getMessage());
            }
        }
        return read(option, Path.of(fileOrDash));
    }

    private static String read(String option, Path file) {
        try {
            if (!Files.exists(file)) {
                throw new BadInputException(option + " " + file + ": no such file");
            }
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new BadInputException(option + " " + file + ": not a readable file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new BadInputException(option + " " + file + ": " + Files.size(file) + " bytes is over the "
                        + MAX_FILE_BYTES + "-byte limit");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            try {
                return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException e2) {
                throw new BadInputException(option + " " + file + ": cannot read: " + e2.getMessage());
            }
        } catch (IOException e) {
            throw new BadInputException(option + " " + file + ": cannot read: " + e.getMessage());
        }
    }

    private static byte[] readCapped(InputStream in, String what) throws IOException {
        byte[] data = in.readNBytes((int) MAX_FILE_BYTES + 1);
        if (data.length > MAX_FILE_BYTES) {
            throw new BadInputException(what + " is over the " + MAX_FILE_BYTES + "-byte limit");
        }
        return data;
    }
}
