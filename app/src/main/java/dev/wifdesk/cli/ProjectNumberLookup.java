package dev.wifdesk.cli;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.cloudresourcemanager.v3.model.Project;
import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.diagnose.live.LiveConnections;
import dev.wifdesk.model.ResourceNames;
import java.io.IOException;

/**
 * A project's NUMBER for commands that must print it: from {@code --project-number}, else looked up
 * with Resource Manager {@code projects.get} on the sandbox ({@code --sandbox URL}) or with
 * Application Default Credentials. Without any of them the input is incomplete: exit 2 naming the option.
 */
final class ProjectNumberLookup {
    private final LiveConnections.CredentialsSource adc;

    ProjectNumberLookup(LiveConnections.CredentialsSource adc) {
        this.adc = adc;
    }

    String number(String projectId, String given, String sandbox, String why) {
        if (given != null) {
            String n = given.strip();
            if (!ResourceNames.isProjectNumber(n)) {
                throw new BadInputException("--project-number '" + given + "' must be digits only (rule: "
                        + ResourceNames.PROJECT_NUMBER_RULE + ")");
            }
            return n;
        }
        if (sandbox != null) {
            try (LiveConnections live = LiveConnections.sandbox(sandbox)) {
                return lookUp(live.google(), projectId);
            } catch (LiveConnections.SetupException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        GoogleCredentials credentials;
        try {
            credentials = adc.get();
        } catch (IOException e) {
            throw new BadInputException(why + " needs the project NUMBER: pass --project-number N (or --sandbox URL); "
                    + "it cannot be looked up without Application Default Credentials ('gcloud auth application-default login')");
        }
        return lookUp(new GoogleClients(Target.googleCloud(credentials, "application default credentials")), projectId);
    }

    private static String lookUp(GoogleClients google, String projectId) {
        try {
            Project p = google.resourceManager().projects().get(ResourceNames.projectName(projectId)).execute();
            return ResourceNames.projectOf(p.getName());
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 403 || e.getStatusCode() == 404) {
                throw new BadInputException("cannot look up the number of project '" + projectId + "' ("
                        + ClientErrors.oneLine(e) + "): pass --project-number N");
            }
            throw new IllegalStateException("looking up the number of project '" + projectId + "': " + ClientErrors.oneLine(e), e);
        } catch (IOException e) {
            throw new IllegalStateException("looking up the number of project '" + projectId + "': " + ClientErrors.oneLine(e), e);
        }
    }
}
