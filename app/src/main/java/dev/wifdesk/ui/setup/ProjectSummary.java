package dev.wifdesk.ui.setup;

import java.util.List;

/** The Project step's facts: the project's number and the required APIs that will be enabled. */
public record ProjectSummary(String projectId, String projectNumber, List<String> missingServices) {
    public ProjectSummary {
        missingServices = List.copyOf(missingServices);
    }
}
