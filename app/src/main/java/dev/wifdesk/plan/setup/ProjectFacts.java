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
 * name use it) and which of the APIs the flow needs are still off. Two reads.
 */
public record ProjectFacts(String projectId, String projectNumber, List<String> missingServices) {
    public ProjectFacts {
        missingServices = List.copyOf(missingServices);
    }

    public static ProjectFacts read(GoogleClients google, String projectId) throws IOException {
        String number = number(google, projectId);
        return new ProjectFacts(projectId, number, missingServices(google, number));
    }

    /** The first of the two reads: the project's number (the services are read by it). */
    static String number(GoogleClients google, String projectId) throws IOException {
        String name = google.resourceManager().projects().get("projects/" + projectId).execute().getName();
        return ResourceNames.projectOf(name);
    }

    /** The required services that are not ENABLED, in {@link SetupValues#REQUIRED_SERVICES}' order. */
    static List<String> missingServices(GoogleClients google, String projectNumber) throws IOException {
        String parent = "projects/" + projectNumber;
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
