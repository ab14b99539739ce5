package dev.wifdesk.diagnose;

import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dataflow and API failures of the catalogue (#23-#29): which identity lacks what, told
 * with the values the text carried (service account, project, API host) and the exact gcloud
 * command. Cloud Storage (#30, and #26 on a storage permission) is {@link StorageErrors}.
 */
final class DataflowErrors {
    static final String DATAFLOW_API = "dataflow.googleapis.com";
    static final String WORKER_ROLE = "roles/dataflow.worker";
    static final String DEVELOPER_ROLE = "roles/dataflow.developer";
    static final String SERVICE_AGENT_ROLE = "roles/dataflow.serviceAgent";
    private static final Pattern SA_PROJECT = Pattern.compile("^[^@]+@([a-z][a-z0-9-]{4,28}[a-z0-9])\\.iam\\.gserviceaccount\\.com$");
    private static final Pattern COMPUTE_DEFAULT = Pattern.compile("^(\\d+)-compute@developer\\.gserviceaccount\\.com$");

    private DataflowErrors() {
    }

    /** Explains {@code m} when it is one of #23-#29 (storage aside); false when it is not. */
    static boolean explain(DiagnosisContext ctx, ErrorMatch m) {
        switch (m.error()) {
            case WORKER_ROLE_MISSING -> workerRoleMissing(ctx, known(m.value("sa")), null, "#23");
            case REFRESHING_CREDENTIALS -> refreshingCredentials(ctx);
            case SERVICE_AGENT_NO_ACCESS -> serviceAgentNoAccess(ctx);
            case WORKER_MISSING_PERMISSIONS -> {
                if (StorageErrors.isStorage(m.value("permission"))) {
                    StorageErrors.explain(ctx);
                } else {
                    workerRoleMissing(ctx, known(m.value("sa")), m.value("permission"), "#26");
                }
            }
            case CANNOT_CREATE_WORKFLOW -> launcherDenied(ctx, m.value("project"), "dataflow.jobs.create");
            case CANNOT_CANCEL_WORKFLOW -> launcherDenied(ctx, m.value("project"), "dataflow.jobs.cancel");
            case API_NOT_USED -> apiNotEnabled(ctx, m.value("host"), m.value("project"), "#28", "");
            case DATAFLOW_API_NOT_ENABLED -> apiNotEnabled(ctx, DATAFLOW_API, m.value("project"), "#29", "");
            default -> {
                return false;
            }
        }
        return true;
    }

    static void workerRoleMissing(DiagnosisContext ctx, String serviceAccount, String permission, String n) {
        String sa = serviceAccount != null ? serviceAccount : worker(ctx);
        String shown = sa == null ? "WORKER_SA_EMAIL" : sa;
        String project = projectOf(ctx, sa);
        boolean computeDefault = sa != null && COMPUTE_DEFAULT.matcher(sa).matches();
        once(ctx, FindingCode.DATAFLOW_WORKER_ROLE_MISSING, "Dataflow rejected the job at start: its worker (controller) "
                        + "service account " + shown + " lacks " + WORKER_ROLE + (permission == null ? "" : " (missing " + permission + ")")
                        + "." + (computeDefault ? " It is the Compute Engine default service account: the job was launched "
                        + "without a worker service account (--service-account-email), so Dataflow used that one." : ""),
                grant(project, "serviceAccount:" + shown, WORKER_ROLE) + (computeDefault
                        ? "; or launch with a worker service account that holds it (--service-account-email=SA_EMAIL)" : ""),
                DiagnosisContext.evidence("catalogue", n, "serviceAccount", sa, "project", project, "permission", permission));
    }

    /** #24: the worker role is missing or the Dataflow API is off; the project state given decides. */
    private static void refreshingCredentials(DiagnosisContext ctx) {
        Boolean apiOn = ctx.input().enabledServices().map(s -> s.contains(DATAFLOW_API)).orElse(null);
        String worker = worker(ctx);
        Boolean workerHasRole = worker == null ? null
                : ctx.input().projectPolicy().map(p -> holds(p, "serviceAccount:" + worker, WORKER_ROLE)).orElse(null);
        String project = projectOf(ctx, worker);
        if (Boolean.FALSE.equals(apiOn)) {
            apiNotEnabled(ctx, DATAFLOW_API, project, "#24", " (the service list given lacks it)");
        } else if (Boolean.FALSE.equals(workerHasRole) || (Boolean.TRUE.equals(apiOn) && workerHasRole == null)) {
            workerRoleMissing(ctx, worker, null, "#24");
        } else if (Boolean.TRUE.equals(workerHasRole) && Boolean.TRUE.equals(apiOn)) {
            serviceAgentNoAccess(ctx);
        } else {
            String shown = worker == null ? "WORKER_SA_EMAIL" : worker;
            once(ctx, Boolean.TRUE.equals(workerHasRole) ? FindingCode.API_NOT_ENABLED : FindingCode.DATAFLOW_WORKER_ROLE_MISSING,
                    "Dataflow could not refresh the job's credentials. One of these: the worker service account " + shown
                            + " lacks " + WORKER_ROLE + ", or the Dataflow API is disabled in project " + project
                            + (Boolean.TRUE.equals(workerHasRole) ? " (the worker holds the role, so most likely the API)" : "")
                            + ". Check: gcloud services list --enabled --project=" + project + " --filter=config.name=" + DATAFLOW_API
                            + " and gcloud projects get-iam-policy " + project + " --flatten=bindings --filter=bindings.role="
                            + WORKER_ROLE + " (or give the enabled services and the project policy).",
                    grant(project, "serviceAccount:" + shown, WORKER_ROLE) + "; if the API is off: "
                            + enable(DATAFLOW_API, project),
                    DiagnosisContext.evidence("catalogue", "#24", "serviceAccount", worker, "project", project,
                            "alternative", Boolean.TRUE.equals(workerHasRole) ? "DATAFLOW_WORKER_ROLE_MISSING" : "API_NOT_ENABLED"));
        }
    }

    /** #25: the Dataflow service agent lacks its role (often minutes after enabling the API), or the API is off. */
    private static void serviceAgentNoAccess(DiagnosisContext ctx) {
        Boolean apiOn = ctx.input().enabledServices().map(s -> s.contains(DATAFLOW_API)).orElse(null);
        String number = ctx.projectNumber().orElse(null);
        String agent = "service-" + (number == null ? "PROJECT_NUMBER" : number) + "@dataflow-service-producer-prod.iam.gserviceaccount.com";
        Boolean agentHasRole = number == null ? null
                : ctx.input().projectPolicy().map(p -> holds(p, "serviceAccount:" + agent, SERVICE_AGENT_ROLE)).orElse(null);
        String project = ctx.input().projectId().orElse(number == null ? "PROJECT_ID" : number);
        if (Boolean.FALSE.equals(apiOn)) {
            apiNotEnabled(ctx, DATAFLOW_API, project, "#25", " (the service list given lacks it)");
            return;
        }
        boolean known = Boolean.TRUE.equals(apiOn) || agentHasRole != null;
        once(ctx, FindingCode.DATAFLOW_WORKER_ROLE_MISSING, "The Dataflow service agent " + agent + " cannot use the worker "
                        + "service account: it needs " + SERVICE_AGENT_ROLE + " on project " + project + "."
                        + (Boolean.TRUE.equals(agentHasRole) ? " It holds the role: if the Dataflow API was enabled in the last "
                        + "minutes, the agent's grant may not have propagated yet; retry." : "")
                        + (known ? "" : " One of these: that role is missing, or the Dataflow API is disabled; check: gcloud "
                        + "services list --enabled --project=" + project + " --filter=config.name=" + DATAFLOW_API + "."),
                grant(project, "serviceAccount:" + agent, SERVICE_AGENT_ROLE) + (known ? "" : "; if the API is off: "
                        + enable(DATAFLOW_API, project)),
                DiagnosisContext.evidence("catalogue", "#25", "serviceAccount", number == null ? null : agent, "project", project,
                        "alternative", known ? null : "API_NOT_ENABLED"));
    }

    /** #27: the launching identity may not create (or cancel) Dataflow jobs in the project. */
    private static void launcherDenied(DiagnosisContext ctx, String project, String permission) {
        String launcher = known(ctx.input().serviceAccount().orElse(null));
        once(ctx, FindingCode.DATAFLOW_PERMISSION_DENIED, "Dataflow refused the launch: the identity that launches the job"
                        + (launcher == null ? "" : " (" + launcher + ")") + " lacks " + permission + " on project " + project
                        + "; it needs " + DEVELOPER_ROLE + ".",
                grant(project, launcher == null ? "serviceAccount:LAUNCHER_SA_EMAIL" : "serviceAccount:" + launcher, DEVELOPER_ROLE),
                DiagnosisContext.evidence("catalogue", "#27", "project", project, "permission", permission,
                        "serviceAccount", launcher));
    }

    /** #28/#29 (and #24/#25 when the services given say so): an API is off in the project; not a binding problem. */
    static void apiNotEnabled(DiagnosisContext ctx, String host, String project, String n, String why) {
        once(ctx, FindingCode.API_NOT_ENABLED, "The " + host + " API is disabled (or was never used) in project " + project
                        + why + ". This is not a binding problem: enable it, then wait a few minutes before retrying (enabling "
                        + "takes time to propagate).", enable(host, project),
                DiagnosisContext.evidence("catalogue", n, "service", host, "project", project));
    }

    static String grant(String project, String member, String role) {
        return "gcloud projects add-iam-policy-binding " + project + " --member=" + member + " --role=" + role;
    }

    private static String enable(String host, String project) {
        return "gcloud services enable " + host + " --project=" + project;
    }

    /** The worker service account: given, else the launcher's (the setup launches with one SA), else unknown. */
    static String worker(DiagnosisContext ctx) {
        return known(ctx.input().workerServiceAccount().or(() -> ctx.input().serviceAccount()).orElse(null));
    }

    /** The project a service account lives in (its ID, or the number of a Compute default), else the one given. */
    static String projectOf(DiagnosisContext ctx, String serviceAccount) {
        if (serviceAccount != null) {
            for (Pattern p : new Pattern[] {SA_PROJECT, COMPUTE_DEFAULT}) {
                Matcher m = p.matcher(serviceAccount);
                if (m.matches()) {
                    return m.group(1);
                }
            }
        }
        return ctx.input().projectId().or(ctx::projectNumber).orElse("PROJECT_ID");
    }

    /** A value GitLab masked is no value. */
    static String known(String value) {
        return value == null || value.equals(ErrorCatalogue.MASKED) ? null : value;
    }

    private static boolean holds(IamPolicy policy, String member, String role) {
        return policy.bindings().stream().anyMatch(b -> b.role().equals(role) && !b.conditional() && b.members().contains(member));
    }

    static void once(DiagnosisContext ctx, FindingCode code, String message, String fix, Map<String, String> evidence) {
        if (!ctx.has(code)) {
            ctx.add(code, Severity.ERROR, message, fix, evidence);
        }
    }
}
