package dev.wifdesk.verify;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.dataflow.model.LaunchTemplateParameters;
import com.google.api.services.dataflow.model.RuntimeEnvironment;
import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.diagnose.DiagnosisInput;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.model.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Dataflow {@code templates.launch} with {@code validateOnly=true} as each service account of the
 * setup (impersonated by the operator), its own worker: proves {@code dataflow.jobs.create} and
 * actAs on the worker at no cost (a dry run creates no job). A refusal is Google's text, turned
 * into findings by the diagnosis engine's error-text recognition.
 */
final class LaunchCheck {
    static final String JOB_NAME = "wifdesk-verify-validate";

    private final GoogleClients google;
    private final DiagnosisEngine engine;

    LaunchCheck(GoogleClients google, DiagnosisEngine engine) {
        this.google = google;
        this.engine = engine;
    }

    /** One try: the result of every account, as one check. */
    Attempt once(PreflightState state) {
        SetupValues v = state.values();
        FederationSpec.Dataflow d = v.spec().dataflow().orElseThrow();
        List<String> evidence = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<String> denied = new ArrayList<>();
        boolean couldNotImpersonate = false;
        for (SetupValues.Account a : v.serviceAccounts()) {
            if (!state.accountExists(a)) {
                evidence.add(a.email() + ": skipped (the account does not exist)");
                couldNotImpersonate = true;
                continue;
            }
            GoogleCredentials as;
            try {
                as = Impersonation.as(google, a.email());
            } catch (IOException | RuntimeException e) {
                evidence.add(a.email() + ": the operator (" + google.target().identity() + ") may not impersonate it ("
                        + ClientErrors.oneLine(e) + "); grant it roles/iam.serviceAccountTokenCreator on the account, or use"
                        + " --launch run");
                couldNotImpersonate = true;
                continue;
            }
            try {
                LaunchTemplateParameters body = new LaunchTemplateParameters().setJobName(JOB_NAME)
                        .setParameters(new LinkedHashMap<>(d.parameters()))
                        .setEnvironment(new RuntimeEnvironment().setTempLocation(d.tempLocation()).setServiceAccountEmail(a.email()));
                google.dataflow(as).projects().locations().templates().launch(v.projectId(), d.region(), body)
                        .setGcsPath(d.template()).setValidateOnly(true).execute();
                evidence.add(a.email() + ": validateOnly launch of " + d.template() + " in " + d.region()
                        + " accepted (dataflow.jobs.create and actAs on worker " + a.email() + ")");
            } catch (IOException | RuntimeException e) {
                String text = errorText(e);
                evidence.add(a.email() + ": refused: " + ClientErrors.oneLine(e));
                denied.add(a.email());
                for (Finding f : diagnose(state, a, text)) {
                    if (!findings.contains(f)) {
                        findings.add(f);
                    }
                }
            }
        }
        return new Attempt(String.join("; ", evidence), findings, denied, couldNotImpersonate);
    }

    /** What one try found; {@code denied} are the accounts Dataflow refused. */
    record Attempt(String detail, List<Finding> findings, List<String> denied, boolean couldNotImpersonate) {
        boolean passed() {
            return denied.isEmpty() && !couldNotImpersonate;
        }

        CheckResult result(List<String> fixSteps) {
            if (passed()) {
                return CheckResult.pass(Layer.LAUNCH, CheckNames.LAUNCH_VALIDATE, detail);
            }
            if (denied.isEmpty()) {
                return CheckResult.skipped(Layer.LAUNCH, CheckNames.LAUNCH_VALIDATE, detail);
            }
            return CheckResult.fail(Layer.LAUNCH, CheckNames.LAUNCH_VALIDATE, detail, findings, "", fixSteps);
        }
    }

    /** Google's own text: the JSON error body when there is one (the engine reads its message and details). */
    private static String errorText(Exception e) {
        if (e instanceof GoogleJsonResponseException g && g.getContent() != null) {
            return g.getStatusCode() + " " + g.getStatusMessage() + "\n" + g.getContent();
        }
        return ClientErrors.oneLine(e);
    }

    private List<Finding> diagnose(PreflightState state, SetupValues.Account a, String text) {
        SetupValues v = state.values();
        DiagnosisInput.Builder in = DiagnosisInput.builder().errorText(text).projectNumber(v.projectNumber())
                .projectId(v.projectId()).serviceAccount(a.email()).workerServiceAccount(a.email())
                .stsAudience(v.providerAudience()).enabledServices(state.enabledServices());
        state.projectPolicy().ifPresent(in::projectPolicy);
        List<Finding> all = engine.diagnose(in.build()).findings();
        List<Finding> errors = all.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        return errors.isEmpty() ? all : errors;
    }

    static Optional<String> unavailable(SetupValues v) {
        return v.spec().dataflow().isEmpty() ? Optional.of("the spec has no dataflow: section (template, region) to launch")
                : Optional.empty();
    }
}
