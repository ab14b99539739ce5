package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wifdesk.model.ErrorTexts;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Dataflow v1b3: classic {@code templates:launch} (gcsPath, validateOnly), {@code flexTemplates:launch},
 * {@code jobs.get/list/update} and {@code jobs.messages.list}. Launching needs {@code dataflow.jobs.create}
 * on the project (else catalogue #27, checked before the request's content, AIP-211) and
 * {@code iam.serviceAccounts.actAs} on the worker service account (default: the Compute Engine default
 * account), else #18. A job is JOB_STATE_PENDING for one step, RUNNING for the next, then DONE; a step is
 * the LRO delay knob, or 1 s when it is 0. At its start (after the first step) Dataflow verifies the
 * worker ("controller") account: without roles/dataflow.worker on the project (judged as IAM will see it
 * then, propagation delay included) the job goes to JOB_STATE_FAILED and its messages carry #23. A
 * validateOnly launch checks the launcher and answers no {@code job}. {@code jobs.list} honours
 * {@code filter}; {@code jobs.update} with {@code requestedState: JOB_STATE_CANCELLED} cancels. A job is
 * visible only in its region; the location-less {@code projects.jobs} calls mean us-central1.
 */
final class DataflowApi {
    static final String HOST = "dataflow.googleapis.com";
    static final long DEFAULT_STEP_MS = 1000;
    private static final String DEFAULT_LOCATION = "us-central1";
    private static final java.util.Set<String> TERMINAL = java.util.Set.of("JOB_STATE_DONE", "JOB_STATE_FAILED",
            "JOB_STATE_CANCELLED");
    /** A permission of roles/dataflow.worker, standing for the whole role in the start-time check. */
    static final String WORKER_PERMISSION = "dataflow.workItems.lease";
    /** Stored on a job whose worker lacks roles/dataflow.worker; never shown. */
    private static final String WORKER_ROLE_MISSING = "workerRoleMissing";
    private static final Pattern JOB_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,1022}[a-z0-9])?");
    private static final Pattern WORD_COUNT = Pattern.compile("gs://dataflow-templates(-[a-z0-9-]+)?/[^/]+/Word_Count");
    private static final DateTimeFormatter JOB_ID_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH_mm_ss")
            .withZone(java.time.ZoneId.of("America/Los_Angeles"));
    /** What a launch answers before the job has any state: the epoch, as in every public capture. */
    static final String NO_STATE_TIME = "1970-01-01T00:00:00Z";

    private final SandboxState state;
    private final Authenticator auth;
    private final Guard guard;
    private final long stepMs;
    private final SecureRandom random = new SecureRandom();

    DataflowApi(SandboxState state, Authenticator auth, Guard guard, long lroDelayMs) {
        this.state = state;
        this.auth = auth;
        this.guard = guard;
        this.stepMs = lroDelayMs > 0 ? lroDelayMs : DEFAULT_STEP_MS;
    }

    List<Route> routes() {
        String located = "v1b3/projects/([^/]+)/locations/([^/]+)";
        return List.of(
                Route.of(HOST, "POST", located + "/templates:launch", "launch", req -> launchTemplate(req, req.pathParam(1))),
                Route.of(HOST, "POST", "v1b3/projects/([^/]+)/templates:launch", "launch",
                        req -> launchTemplate(req, DEFAULT_LOCATION)),
                Route.of(HOST, "POST", located + "/flexTemplates:launch", "flexLaunch", this::launchFlex),
                Route.of(HOST, "GET", located + "/jobs", "list", this::listJobs),
                Route.of(HOST, "GET", located + "/jobs/([^/:]+)", "get", req -> getJob(req, req.pathParam(1), req.pathParam(2))),
                Route.of(HOST, "GET", located + "/jobs/([^/:]+)/messages", "messages", this::listMessages),
                Route.of(HOST, "PUT", located + "/jobs/([^/:]+)", "update",
                        req -> updateJob(req, req.pathParam(1), req.pathParam(2))),
                Route.of(HOST, "GET", "v1b3/projects/([^/]+)/jobs/([^/:]+)", "get",
                        req -> getJob(req, DEFAULT_LOCATION, req.pathParam(1))));
    }

    private ApiResponse launchTemplate(ApiRequest req, String location) {
        Identity who = auth.caller(req);
        state.read(d -> mayCreate(d, who, req.pathParam(0)));
        String gcsPath = req.query("gcsPath").orElseThrow(() -> GoogleErrors.invalidArgument(
                "Required parameter \"gcsPath\" is missing: the Cloud Storage path of the template (gs://...)."));
        if (!gcsPath.startsWith("gs://") || gcsPath.length() <= "gs://".length()) {
            throw GoogleErrors.invalidArgument("Invalid value for \"gcsPath\": \"" + gcsPath + "\" is not a gs:// path.");
        }
        boolean validateOnly = req.query("validateOnly").map(Boolean::parseBoolean).orElse(false);
        ObjectNode body = req.json();
        JsonNode params = body.path("parameters");
        if (WORD_COUNT.matcher(gcsPath).matches() && params.path("output").asText("").isEmpty()) {
            throw GoogleErrors.invalidArgument("The template parameters are invalid. Missing required parameter: output.");
        }
        return launch(req, who, location, body.path("jobName").asText(""), body.path("environment"), validateOnly,
                "JOB_TYPE_BATCH");
    }

    private ApiResponse launchFlex(ApiRequest req) {
        Identity who = auth.caller(req);
        state.read(d -> mayCreate(d, who, req.pathParam(0)));
        ObjectNode body = req.json();
        JsonNode lp = body.path("launchParameter");
        if (!lp.isObject()) {
            throw GoogleErrors.invalidArgument("Required field \"launchParameter\" is missing.");
        }
        if (lp.path("containerSpecGcsPath").asText("").isEmpty() && !lp.path("containerSpec").isObject()) {
            throw GoogleErrors.invalidArgument("Required field \"launchParameter.containerSpecGcsPath\" is missing.");
        }
        return launch(req, who, req.pathParam(1), lp.path("jobName").asText(""), lp.path("environment"),
                body.path("validateOnly").asBoolean(false), null);
    }

    /** @param type the job type the launch answer names ({@code JOB_TYPE_BATCH}), null when it names none (flex) */
    private ApiResponse launch(ApiRequest req, Identity who, String location, String jobName, JsonNode environment,
                               boolean validateOnly, String type) {
        if (!JOB_NAME.matcher(jobName).matches()) {
            throw GoogleErrors.invalidArgument("Invalid value for \"jobName\": \"" + jobName + "\". It must start with a "
                    + "lowercase letter and contain only lowercase letters, digits and hyphens.");
        }
        String worker = environment.path("serviceAccountEmail").asText("");
        ObjectNode job = state.write(d -> {
            ObjectNode project = mayCreate(d, who, req.pathParam(0));
            String sa = worker.isEmpty() ? Projects.number(project) + "-compute@developer.gserviceaccount.com" : worker;
            ObjectNode account = ServiceAccountsApi.find(d, "-", sa).orElse(null);
            if (account == null || !guard.allowedOnResource(d, who, project, ServiceAccountsApi.policyKey(account),
                    "iam.serviceAccounts.actAs")) {
                // Dataflow prefixes its messages with a 16-hex-digit id in brackets, e.g. "(bbc378e81298bba9): "
                throw GoogleErrors.permissionDenied(dataflowId() + ErrorTexts.cannotActAs(sa));
            }
            Instant now = state.now();
            ObjectNode j = JsonNodeFactory.instance.objectNode();
            if (!validateOnly) {
                // ids read like 2025-01-26_06_34_03-13881126003586053150: Pacific time of creation, then digits
                j.put("id", JOB_ID_TIME.format(now) + "-" + (1_000_000_000_000_000L + Math.floorMod(random.nextLong(),
                        8_000_000_000_000_000_000L)));
            }
            j.put("projectId", Projects.id(project));
            j.put("name", jobName);
            j.put("type", "JOB_TYPE_BATCH");
            j.put("location", location);
            j.put("createTime", now.toString());
            j.putObject("environment").put("serviceAccountEmail", sa);
            if (!validateOnly) {
                j.put("createdAtMillis", now.toEpochMilli());
                // Dataflow verifies the worker at job start, one step from now: IAM as it will be then
                if (!guard.allowedOnProject(d, Identity.serviceAccount(sa, null), project, WORKER_PERMISSION,
                        now.plusMillis(stepMs))) {
                    j.put(WORKER_ROLE_MISSING, true);
                }
                d.jobs.put(j.get("id").asText(), j);
                return launched(j, type != null);
            }
            return j;
        });
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (!validateOnly) {
            out.set("job", job);
        }
        return ApiResponse.ok(out);
    }

    /**
     * The project when {@code who} may create jobs in it; else Dataflow's 403 (catalogue #27) naming the
     * project as the request does, each cause behind its own 16-hex-digit id.
     */
    private ObjectNode mayCreate(StateData d, Identity who, String projectRef) {
        ObjectNode project = Projects.find(d, projectRef).orElse(null);
        if (project == null || !guard.allowedOnProject(d, who, project, "dataflow.jobs.create")) {
            throw GoogleErrors.permissionDenied(dataflowId() + "Could not create workflow; user does not have write "
                    + "access to project: " + projectRef + " Causes: " + dataflowId()
                    + "Permission 'dataflow.jobs.create' denied on project: '" + projectRef + "'");
        }
        return project;
    }

    /** Authorization before validation: the permission on the project, before the body is judged. */
    private void authorize(Identity who, ApiRequest req, String permission) {
        state.read(d -> guard.project(d, who, req.pathParam(0), permission));
    }

    /** {@code PUT .../jobs/ID} with {@code requestedState: JOB_STATE_CANCELLED}: the job cancels. */
    private ApiResponse updateJob(ApiRequest req, String location, String jobId) {
        Identity who = auth.caller(req);
        authorize(who, req, "dataflow.jobs.cancel");
        String requested = req.json().path("requestedState").asText("");
        if (!requested.equals("JOB_STATE_CANCELLED")) {
            // neutral wording: only cancelling is modelled; Google's texts for other updates were not verified
            throw GoogleErrors.invalidArgument("The sandbox supports only requestedState JOB_STATE_CANCELLED.");
        }
        return ApiResponse.ok(state.write(d -> {
            ObjectNode project = guard.project(d, who, req.pathParam(0), "dataflow.jobs.cancel");
            ObjectNode job = located(d, project, location, jobId);
            Instant now = state.now();
            String current = view(job, now).path("currentState").asText();
            if (TERMINAL.contains(current)) {
                // neutral wording: Google's text for cancelling a finished job was not verified
                throw GoogleErrors.failedPrecondition("(" + jobId + "): The job has already finished (" + current + ").");
            }
            if (!job.has("cancelledAtMillis")) {
                job.put("cancelledAtMillis", now.toEpochMilli());
            }
            return view(job, now);
        }));
    }

    private static ObjectNode located(StateData d, ObjectNode project, String location, String jobId) {
        ObjectNode job = d.jobs.get(jobId);
        if (job == null || !Projects.id(project).equals(job.path("projectId").asText())
                || !location.equals(job.path("location").asText())) {
            throw GoogleErrors.notFound("(" + jobId + "): Job not found.");
        }
        return job;
    }

    private ApiResponse getJob(ApiRequest req, String location, String jobId) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.read(d -> {
            ObjectNode project = guard.project(d, who, req.pathParam(0), "dataflow.jobs.get");
            return view(located(d, project, location, jobId), state.now());
        }));
    }

    /** {@code GET .../jobs/ID/messages?minimumImportance=...}: {@code {"jobMessages":[...]}}. */
    private ApiResponse listMessages(ApiRequest req) {
        Identity who = auth.caller(req);
        authorize(who, req, "dataflow.messages.list");
        String minimum = JobMessages.minimum(req.query("minimumImportance"));
        return ApiResponse.ok(state.read(d -> {
            ObjectNode project = guard.project(d, who, req.pathParam(0), "dataflow.messages.list");
            ObjectNode job = located(d, project, req.pathParam(1), req.pathParam(2));
            Instant started = Instant.ofEpochMilli(job.path("createdAtMillis").asLong() + stepMs);
            boolean cancelledBefore = job.has("cancelledAtMillis")
                    && job.get("cancelledAtMillis").asLong() < started.toEpochMilli();
            List<ObjectNode> messages = cancelledBefore ? List.of()
                    : JobMessages.of(job, started, job.has(WORKER_ROLE_MISSING), state.now(), minimum);
            return Paging.page(messages, req, "jobMessages");
        }));
    }

    private ApiResponse listJobs(ApiRequest req) {
        Identity who = auth.caller(req);
        authorize(who, req, "dataflow.jobs.list");
        String filter = req.query("filter").orElse("ALL");
        if (!List.of("UNKNOWN", "ALL", "TERMINATED", "ACTIVE").contains(filter)) {
            // neutral wording: Google's text for an unknown enum value was not verified
            throw GoogleErrors.invalidArgument("Invalid value for \"filter\": \"" + filter + "\".");
        }
        return ApiResponse.ok(state.read(d -> {
            ObjectNode project = guard.project(d, who, req.pathParam(0), "dataflow.jobs.list");
            Instant now = state.now();
            List<ObjectNode> jobs = d.jobs.values().stream()
                    .filter(j -> Projects.id(project).equals(j.path("projectId").asText())
                            && req.pathParam(1).equals(j.path("location").asText()))
                    .map(j -> view(j, now))
                    .filter(j -> switch (filter) {
                        case "ACTIVE" -> !TERMINAL.contains(j.path("currentState").asText());
                        case "TERMINATED" -> TERMINAL.contains(j.path("currentState").asText());
                        default -> true;
                    })
                    .toList();
            return Paging.page(jobs, req, "jobs");
        }));
    }

    /**
     * The job as {@code templates:launch} / {@code flexTemplates:launch} answer it, as public captures
     * of gcloud and Beam show: {@code createTime}, {@code startTime} (equal), {@code currentStateTime}
     * the epoch and no {@code currentState} yet; {@code type} only for classic templates.
     */
    private static ObjectNode launched(ObjectNode stored, boolean withType) {
        ObjectNode j = JsonNodeFactory.instance.objectNode();
        for (String f : List.of("createTime", "id", "location", "name", "projectId")) {
            j.set(f, stored.get(f).deepCopy());
        }
        j.put("currentStateTime", NO_STATE_TIME);
        j.put("startTime", stored.get("createTime").asText());
        if (withType) {
            j.put("type", stored.get("type").asText());
        }
        return j;
    }

    /** {@code (HEX16): }: the message id Dataflow puts in front of its error texts. */
    private String dataflowId() {
        return "(" + String.format("%016x", random.nextLong()) + "): ";
    }

    /** The job as the API shows it now: its state follows the time since creation. */
    private ObjectNode view(ObjectNode stored, Instant now) {
        ObjectNode j = stored.deepCopy();
        long created = j.remove("createdAtMillis").asLong();
        JsonNode cancelledAt = j.remove("cancelledAtMillis");
        boolean workerRoleMissing = j.remove(WORKER_ROLE_MISSING) != null;
        long elapsed = now.toEpochMilli() - created;
        String current;
        long since;
        if (cancelledAt != null) {
            long at = cancelledAt.asLong();
            boolean settled = now.toEpochMilli() - at >= stepMs;
            current = settled ? "JOB_STATE_CANCELLED" : "JOB_STATE_CANCELLING";
            since = settled ? at + stepMs : at;
            j.put("requestedState", "JOB_STATE_CANCELLED");
        } else if (elapsed < stepMs) {
            current = "JOB_STATE_PENDING";
            since = created;
        } else if (workerRoleMissing) {
            current = "JOB_STATE_FAILED";
            since = created + stepMs;
        } else if (elapsed < 2 * stepMs) {
            current = "JOB_STATE_RUNNING";
            since = created + stepMs;
        } else {
            current = "JOB_STATE_DONE";
            since = created + 2 * stepMs;
        }
        // startTime is the creation time from the first answer on (public captures: startTime == createTime)
        j.put("startTime", j.path("createTime").asText());
        j.put("currentState", current);
        j.put("currentStateTime", Instant.ofEpochMilli(since).toString());
        return j;
    }
}
