package dev.wifdesk.plan.setup;

import com.google.api.services.serviceusage.v1.model.GoogleApiServiceusageV1Service;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.model.SetupValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The project as a setup needs it first: its number (every principal identifier and the provider's
 * name use it) and which of the APIs the flow needs are still off. Two reads, each by the project's
 * ID, so neither waits for the other.
 */
public record ProjectFacts(String projectId, String projectNumber, List<String> missingServices) {
    public ProjectFacts {
        missingServices = List.copyOf(missingServices);
    }

    public static ProjectFacts read(GoogleClients google, String projectId) throws IOException {
        return new ProjectFacts(projectId, number(google, projectId), missingServices(google, projectId));
    }

    /** The first of the two reads: the project's number. */
    static String number(GoogleClients google, String projectId) throws IOException {
        String name = google.resourceManager().projects().get("projects/" + projectId).execute().getName();
        return ResourceNames.projectOf(name);
    }

    /**
     * The required services that are not ENABLED, in {@link SetupValues#REQUIRED_SERVICES}' order.
     * Service Usage takes the project's ID or number (its answer names the services by number).
     */
    static List<String> missingServices(GoogleClients google, String project) throws IOException {
        String parent = "projects/" + project;
        List<String> names = SetupValues.REQUIRED_SERVICES.stream().map(s -> parent + "/services/" + s).toList();
        var answer = google.serviceUsage().services().batchGet(parent).setNames(names).execute();
        List<String> enabled = new ArrayList<>();
        if (answer.getServices() != null) {
            for (GoogleApiServiceusageV1Service s : answer.getServices()) {
                if ("ENABLED".equals(s.getState())) {
                    enabled.add(s.getName().substring(s.getName().lastIndexOf('/') + 1));
                }
            }
        }
        return SetupValues.REQUIRED_SERVICES.stream().filter(s -> !enabled.contains(s)).toList();
    }
}
