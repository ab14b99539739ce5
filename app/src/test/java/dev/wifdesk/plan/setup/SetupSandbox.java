package dev.wifdesk.plan.setup;

import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;

/** A fresh sandbox with the operator's clients, and the spec of a setup of its seeded project. */
public final class SetupSandbox implements AutoCloseable {
    public static final String SPEC = """
            gcp:
              project: sandbox-project
              pool: { id: gitlab-ci, displayName: GitLab CI, description: Keyless GitLab CI }
              provider:
                id: gitlab-sandbox
                issuer: %s
                audiences: [%s]
                attributeMapping:
                  google.subject: assertion.sub
                  attribute.project_path: assertion.project_path
                  attribute.namespace_path: assertion.namespace_path
                  attribute.ref: assertion.ref
                  attribute.ref_protected: assertion.ref_protected
                attributeCondition: assertion.namespace_path == "acme" && assertion.ref_protected == "true"
              serviceAccount: { id: gitlab-dataflow, create: true }
              grant: [attribute.project_path/acme/pipelines]
              projectRoles: [roles/dataflow.developer, roles/dataflow.worker]
            environments:
              - name: production
                serviceAccount: { id: gitlab-dataflow-prod, create: true }
                protectedOnly: true
              - name: staging
                serviceAccount: { id: gitlab-dataflow-stg, create: true }
            gitlab:
              url: https://gitlab.sandbox.wifdesk.test
              project: acme/pipelines
              ref: main
            dataflow:
              region: europe-west1
              template: gs://dataflow-templates-europe-west1/latest/Word_Count
              parameters: { inputFile: gs://dataflow-samples/shakespeare/kinglear.txt, output: gs://acme-tmp/wifdesk/out }
              tempLocation: gs://acme-tmp/wifdesk/tmp
            """.formatted(GitLabSandbox.ISSUER, GitLabSandbox.ISSUER);

    /** {@code spec} whose verification job is committed to the ref (pipelines on it then run the job). */
    public static String withCommittedJob(String spec) {
        return replaceOnce(spec, "  ref: main\n", "  ref: main\n  verificationJob: commit\n");
    }

    /** {@code spec} without its {@code environments:} section. */
    public static String withoutEnvironments(String spec) {
        return spec.replaceAll("(?m)^environments:\n(?:  .*\n)+", "");
    }

    /** {@code spec} with {@code from} replaced, which must occur (a fixture that silently stays the same proves nothing). */
    public static String replaceOnce(String spec, String from, String to) {
        if (!spec.contains(from)) {
            throw new IllegalArgumentException("the spec has no '" + from + "'");
        }
        return spec.replace(from, to);
    }

    final Sandbox sandbox;
    final GitLabApi gitlab;
    final GoogleClients operator;
    final AuditLog audit;

    SetupSandbox(Path dir, SandboxOptions options) {
        sandbox = Sandbox.start(options);
        gitlab = new GitLabApi(sandbox.gitlab().baseUrl().toString(), sandbox.gitlab().token());
        operator = new GoogleClients(Target.sandbox(sandbox.google().baseUrl(), sandbox.google().operatorToken(),
                sandbox.google().operatorEmail()));
        audit = new AuditLog(dir.resolve("audit.jsonl"));
    }

    static FederationSpec spec(String yaml) {
        try {
            return new SpecParser(new SpecValidator(new CelEngine())).parse("spec.yaml", yaml);
        } catch (InvalidSpecException e) {
            throw new AssertionError(e.report(), e);
        }
    }

    SetupPlanner planner() {
        return new SetupPlanner(operator, Optional.of(gitlab), new dev.wifdesk.plan.lint.SetupLint(new dev.wifdesk.cel.CelEngine()));
    }

    AuditedChanges audited() {
        return new AuditedChanges(audit, sandbox.google().operatorEmail(), Clock.systemUTC());
    }

    /** Plans and applies {@code spec}; returns the run. */
    PlanRun apply(FederationSpec spec, AuditedChanges audited) throws Exception {
        return PlanExecutor.run(planner().plan(spec).plan(), new ChangeContext(operator, Optional.of(gitlab), audited));
    }

    @Override
    public void close() {
        gitlab.close();
        sandbox.close();
    }
}
