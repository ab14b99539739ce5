package dev.wifdesk.verify;

/** The GitLab pipeline a pipeline check ran: its id, final status and web page. */
public record PipelineRun(long id, String status, String webUrl) {
}
