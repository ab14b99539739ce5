package dev.wifdesk.export;

import static dev.wifdesk.export.ExampleSpecs.PROJECT_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SetupValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the exported script with bash and a fake {@code gcloud} first on PATH that records each call's
 * argv: the calls must carry exactly the values {@link SetupValues} derives, however the shell had
 * to quote them.
 */
class GcloudScriptTest {
    /** Quotes, {@code &&}, {@code $}, a backtick and a comma: everything a careless quoting breaks on. */
    private static final String NASTY_CONDITION = "assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\""
            + " && !(assertion.ref in ['a,b', \"$HOME\", \"`id`\", \"it's\"])";
    private static final String FAKE_GCLOUD = """
            #!/usr/bin/env bash
            { for a in "$@"; do printf '%s\\037' "$a"; done; printf '\\036'; } >> "$GCLOUD_CALLS"
            if [[ "$1 $2" == "projects describe" ]]; then echo "$FAKE_NUMBER"; exit 0; fi
            # the first binding after a create: IAM does not see the new account yet
            if [[ "$*" == *add-iam-policy-binding* && "$FAKE_REFUSE_FIRST_BINDING" == yes && ! -e "$GCLOUD_CALLS.refused" ]]; then
              touch "$GCLOUD_CALLS.refused"
              echo "ERROR: (gcloud.iam.service-accounts.add-iam-policy-binding) INVALID_ARGUMENT: Service account x does not exist." >&2
              exit 1
            fi
            for a in "$@"; do
              if [[ "$a" == describe ]]; then
                if [[ "$FAKE_EXISTS" == yes ]]; then echo ACTIVE; exit 0; fi
                echo "ERROR: (gcloud) NOT_FOUND" >&2; exit 1
              fi
            done
            """;

    @TempDir
    Path dir;

    private final FederationSpec spec = ExampleSpecs.parse(ExampleSpecs.exampleWith(
            "attributeCondition: assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"",
            "attributeCondition: '" + NASTY_CONDITION.replace("'", "''") + "'",
            "attribute.ref: assertion.ref", "attribute.ref: 'assertion.ref + \",\" + assertion.ref_type'"));
    private final SetupValues values = new SetupValues(spec, PROJECT_NUMBER);

    private List<List<String>> run(boolean exists) throws Exception {
        return run(exists, false);
    }

    private List<List<String>> run(boolean exists, boolean refuseFirstBinding) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path gcloud = bin.resolve("gcloud");
        Files.writeString(gcloud, FAKE_GCLOUD);
        Files.setPosixFilePermissions(gcloud, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = dir.resolve("setup.sh");
        Files.writeString(script, new GcloudScript().export(ExportRequest.of(spec)));
        Path calls = dir.resolve("calls-" + exists);
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("GCLOUD_CALLS", calls.toString());
        pb.environment().put("FAKE_NUMBER", PROJECT_NUMBER);
        pb.environment().put("FAKE_EXISTS", exists ? "yes" : "no");
        pb.environment().put("FAKE_REFUSE_FIRST_BINDING", refuseFirstBinding ? "yes" : "no");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return parseCalls(calls);
    }

    private static List<List<String>> parseCalls(Path file) throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (String call : Files.readString(file).split("\u001e")) {
            if (!call.isEmpty()) {
                out.add(Arrays.asList(call.substring(0, call.length() - 1).split("\u001f", -1)));
            }
        }
        return out;
    }

    private static List<List<String>> starting(List<List<String>> calls, String... prefix) {
        return calls.stream().filter(c -> c.size() >= prefix.length && c.subList(0, prefix.length).equals(List.of(prefix)))
                .toList();
    }

    @Test
    void aFreshProjectGetsEveryResourceWithTheExactValues() throws Exception {
        List<List<String>> calls = run(false);

        assertThat(calls.get(0)).containsExactly("projects", "describe", "acme-data-prod", "--format=value(projectNumber)");
        assertThat(starting(calls, "services", "enable")).singleElement().satisfies(c ->
                assertThat(c.subList(2, 6)).containsExactlyElementsOf(SetupValues.REQUIRED_SERVICES));
        assertThat(starting(calls, "iam", "workload-identity-pools", "create")).singleElement().satisfies(c ->
                assertThat(c).contains("gitlab-ci", "--location=global", "--display-name=GitLab CI",
                        "--description=Keyless GitLab CI", "--project=acme-data-prod"));

        List<String> provider = starting(calls, "iam", "workload-identity-pools", "providers", "create-oidc").get(0);
        assertThat(provider).contains("gitlab-com", "--workload-identity-pool=gitlab-ci", "--issuer-uri=https://gitlab.com",
                "--attribute-condition=" + NASTY_CONDITION, "--allowed-audiences=https://gitlab.com");
        String mapping = provider.stream().filter(a -> a.startsWith("--attribute-mapping=")).findFirst().orElseThrow()
                .substring("--attribute-mapping=".length());
        assertThat(gcloudDict(mapping)).containsExactlyElementsOf(values.attributeMapping().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
        assertThat(values.attributeMapping()).containsKeys("attribute.project_environment",
                "attribute.protected_project_environment");

        assertThat(starting(calls, "iam", "service-accounts", "create")).extracting(c -> c.get(3) + " " + flag(c, "--display-name"))
                .containsExactlyElementsOf(values.serviceAccounts().stream().map(a -> a.id() + " " + a.displayName()).toList());
        List<String> members = starting(calls, "iam", "service-accounts", "add-iam-policy-binding").stream()
                .map(c -> c.get(3) + " " + flag(c, "--role") + " " + flag(c, "--member")).toList();
        List<String> expected = new ArrayList<>();
        for (SetupValues.Account a : values.serviceAccounts()) {
            a.policyMembers().forEach(b -> expected.add(a.email() + " " + b.role() + " " + b.member()));
        }
        assertThat(members).containsExactlyElementsOf(expected);
        assertThat(members.get(0)).contains("/projects/" + PROJECT_NUMBER + "/locations/global/workloadIdentityPools/gitlab-ci/");
        assertThat(members).contains("gitlab-dataflow@acme-data-prod.iam.gserviceaccount.com roles/iam.serviceAccountUser "
                + "serviceAccount:gitlab-dataflow@acme-data-prod.iam.gserviceaccount.com");

        List<String> roles = starting(calls, "projects", "add-iam-policy-binding").stream()
                .map(c -> c.get(2) + " " + flag(c, "--member") + " " + flag(c, "--role")).toList();
        List<String> expectedRoles = new ArrayList<>();
        values.serviceAccounts().forEach(a -> values.projectRoles()
                .forEach(r -> expectedRoles.add("acme-data-prod " + a.member() + " " + r)));
        assertThat(roles).containsExactlyElementsOf(expectedRoles);
    }

    @Test
    void aBindingRefusedWhileIamCannotSeeTheNewAccountYetIsRetried() throws Exception {
        List<List<String>> calls = run(false, true);
        List<List<String>> bindings = starting(calls, "iam", "service-accounts", "add-iam-policy-binding");
        assertThat(bindings).hasSize(7); // 6 bindings, the first refused once and made again
        assertThat(bindings.get(0)).isEqualTo(bindings.get(1));
        assertThat(Files.exists(dir.resolve("calls-false.refused"))).isTrue();
    }

    @Test
    void aSecondRunCreatesNothingAndBringsTheProviderToTheSpec() throws Exception {
        List<List<String>> calls = run(true);

        assertThat(calls).noneMatch(c -> c.contains("create") || c.contains("create-oidc") || c.contains("undelete"));
        assertThat(starting(calls, "iam", "workload-identity-pools", "providers", "update-oidc")).singleElement()
                .satisfies(c -> assertThat(c).contains("--attribute-condition=" + NASTY_CONDITION));
        assertThat(starting(calls, "iam", "service-accounts", "add-iam-policy-binding")).hasSize(6);
    }

    @Test
    void aMappingWithACommaUsesGcloudsAlternateDelimiter() {
        assertThat(GcloudScript.list(List.of("a=x", "b=y"))).isEqualTo("a=x,b=y");
        assertThat(GcloudScript.list(List.of("a=f(x, y)", "b=y"))).isEqualTo("^|^a=f(x, y)|b=y");
        assertThat(GcloudScript.list(List.of("a=f(x, y)|z", "b=y"))).isEqualTo("^;^a=f(x, y)|z;b=y");
    }

    /** gcloud's ArgDict reading: {@code ^D^} picks the delimiter, else a comma. */
    private static List<String> gcloudDict(String value) {
        String delimiter = ",";
        if (value.startsWith("^")) {
            int end = value.indexOf('^', 1);
            delimiter = value.substring(1, end);
            value = value.substring(end + 1);
        }
        return Arrays.asList(value.split(java.util.regex.Pattern.quote(delimiter), -1));
    }

    private static String flag(List<String> call, String name) {
        return call.stream().filter(a -> a.startsWith(name + "=")).map(a -> a.substring(name.length() + 1)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " missing in " + call));
    }
}
