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
 * Dataflow v1b3: classic {@code templates:launch} (gcsPath, validateOnly), {@code flexTemplates:launch}
 * and {@code jobs.get}. Launching needs {@code dataflow.jobs.create} on the project and
 * {@code iam.serviceAccounts.actAs} on the worker service account (default: the Compute Engine
 * default account), else 403 (catalogue #18). A job is JOB_STATE_PENDING for one step, RUNNING
 * for the next, then DONE; a step is the LRO delay knob, or 1 s when it is 0. A validateOnly
 * launch checks everything and returns the job it would create, without id and without storing it.
 */
final class DataflowApi {
    static final String HOST = "dataflow.googleapis.com";
    static final long DEFAULT_STEP_MS = 1000;
    private static final String DEFAULT_LOCATION = "us-central1";
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
                Route.of(HOST, "GET", "v1b3/projects/([^/]+)/jobs/([^/:]+)", "get",
                        req -> getJob(req, null, req.pathParam(1))));
    }

    private ApiResponse launchTemplate(ApiRequest req, String location) {
        Identity who = auth.caller(req);
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
            ObjectNode project = guard.project(d, who, req.pathParam(0), "dataflow.jobs.create");
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
                d.jobs.put(j.get("id").asText(), j);
                return launched(j, type != null);
            }
            return j;
        });
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("job", job);
        return ApiResponse.ok(out);
    }

    private ApiResponse getJob(ApiRequest req, String location, String jobId) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.read(d -> {
            ObjectNode project = guard.project(d, who, req.pathParam(0), "dataflow.jobs.get");
            ObjectNode job = d.jobs.get(jobId);
            if (job == null || !Projects.id(project).equals(job.path("projectId").asText())
                    || (location != null && !location.equals(job.path("location").asText()))) {
                throw GoogleErrors.notFound("(" + jobId + "): Job not found.");
            }
            return view(job, state.now());
        }));
    }

    private ApiResponse listJobs(ApiRequest req) {
        Identity who = auth.caller(req);
        return ApiResponse.ok(state.read(d -> {
            ObjectNode project = guard.project(d, who, req.pathParam(0), "dataflow.jobs.list");
            Instant now = state.now();
            List<ObjectNode> jobs = d.jobs.values().stream()
                    .filter(j -> Projects.id(project).equals(j.path("projectId").asText())
                            && req.pathParam(1).equals(j.path("location").asText()))
                    .map(j -> view(j, now))
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
        long elapsed = now.toEpochMilli() - created;
        String current;
        long since;
        if (elapsed < stepMs) {
            current = "JOB_STATE_PENDING";
            since = created;
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
