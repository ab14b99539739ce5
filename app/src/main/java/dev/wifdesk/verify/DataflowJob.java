package dev.wifdesk.verify;

import java.util.List;

/** The Dataflow job a pipeline check launched: id, last state, the console link, and Dataflow's messages when it failed. */
public record DataflowJob(String id, String state, String consoleUrl, List<String> messages) {
    public DataflowJob {
        messages = List.copyOf(messages);
    }

    /** {@code https://console.cloud.google.com/dataflow/jobs/REGION/ID?project=PROJECT}. */
    public static String consoleUrl(String region, String id, String projectId) {
        return "https://console.cloud.google.com/dataflow/jobs/" + region + "/" + id + "?project=" + projectId;
    }
}
