package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code projects.locations.jobs.messages.list} shows of a job, as Beam prints them from the real
 * service: at the job's start {@code JOB_MESSAGE_DETAILED: Checking permissions granted to controller
 * Service Account.}; when the worker lacks roles/dataflow.worker, {@code JOB_MESSAGE_ERROR} with
 * catalogue #23 (no id prefix in job messages) and {@code JOB_MESSAGE_DETAILED: Cleaning up.}.
 * Fields {@code id, time, messageText, messageImportance} (the JobMessage model).
 */
final class JobMessages {
    /** Importances in ascending order (JobMessageImportance); {@code minimumImportance} filters by it. */
    static final List<String> IMPORTANCE = List.of("JOB_MESSAGE_DEBUG", "JOB_MESSAGE_DETAILED", "JOB_MESSAGE_BASIC",
            "JOB_MESSAGE_WARNING", "JOB_MESSAGE_ERROR");
    static final String CHECKING_PERMISSIONS = "Checking permissions granted to controller Service Account.";

    private JobMessages() {
    }

    /** #23, newer form (the form without "All permissions in" is older). */
    static String workerRoleMissing(String serviceAccount) {
        return "Workflow failed. Causes: Permissions verification for controller service account failed. All permissions"
                + " in IAM role roles/dataflow.worker should be granted to controller service account " + serviceAccount + ".";
    }

    /**
     * The messages of {@code job} (its stored JSON) visible at {@code now}, at least {@code minimum}.
     *
     * @param startedAt when the job left PENDING (its start-time checks ran)
     */
    static List<ObjectNode> of(ObjectNode job, Instant startedAt, boolean workerRoleMissing, Instant now, String minimum) {
        List<ObjectNode> out = new ArrayList<>();
        if (now.isBefore(startedAt)) {
            return out;
        }
        String id = job.path("id").asText();
        String worker = job.path("environment").path("serviceAccountEmail").asText();
        add(out, id, 1, startedAt, "JOB_MESSAGE_DETAILED", CHECKING_PERMISSIONS, minimum);
        if (workerRoleMissing) {
            add(out, id, 2, startedAt, "JOB_MESSAGE_ERROR", workerRoleMissing(worker), minimum);
            add(out, id, 3, startedAt, "JOB_MESSAGE_DETAILED", "Cleaning up.", minimum);
        }
        return out;
    }

    /** A valid {@code minimumImportance} (absent: everything), else a 400 (neutral wording). */
    static String minimum(java.util.Optional<String> asked) {
        String m = asked.orElse("JOB_MESSAGE_DEBUG");
        if (m.equals("JOB_MESSAGE_IMPORTANCE_UNKNOWN")) {
            return "JOB_MESSAGE_DEBUG";
        }
        if (!IMPORTANCE.contains(m)) {
            throw GoogleErrors.invalidArgument("Invalid value for \"minimumImportance\": \"" + m + "\".");
        }
        return m;
    }

    private static void add(List<ObjectNode> out, String jobId, int n, Instant time, String importance, String text,
                            String minimum) {
        if (IMPORTANCE.indexOf(importance) < IMPORTANCE.indexOf(minimum)) {
            return;
        }
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        // the real ids' format was not verified: stable per job and message
        m.put("id", Integer.toUnsignedString((jobId + "/" + n).hashCode()));
        m.put("time", time.toString());
        m.put("messageText", text);
        m.put("messageImportance", importance);
        out.add(m);
    }
}
