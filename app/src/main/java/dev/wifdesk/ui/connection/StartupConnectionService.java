package dev.wifdesk.ui.connection;

import dev.wifdesk.model.ResourceNames;
import com.google.api.services.cloudresourcemanager.v3.model.Project;
import com.google.api.services.cloudresourcemanager.v3.model.SearchProjectsResponse;
import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up target choice: Google Cloud when Application Default Credentials exist, otherwise
 * the in-process sandbox. Projects are read with the real Resource Manager client either way.
 */
public final class StartupConnectionService implements ConnectionService {
    private static final Logger LOG = LoggerFactory.getLogger(StartupConnectionService.class);
    private static final int PROJECT_PAGE = 50;
    static final int MAX_PROJECTS = 500;

    private final CredentialsProbe probe;
    private final SandboxLauncher sandboxLauncher;
    private final GoogleCloudOpener googleCloud;
    private SandboxLauncher.RunningSandbox sandbox;

    /** Opens Google Cloud with the credentials found (the real one builds clients and lists projects). */
    public interface GoogleCloudOpener {
        Connection open(GoogleCredentials adc) throws Exception;
    }

    public StartupConnectionService(CredentialsProbe probe, SandboxLauncher sandboxLauncher) {
        this(probe, sandboxLauncher, StartupConnectionService::googleCloud);
    }

    /** With another way to open Google Cloud (tests: no network here). */
    public StartupConnectionService(CredentialsProbe probe, SandboxLauncher sandboxLauncher, GoogleCloudOpener googleCloud) {
        this.probe = probe;
        this.sandboxLauncher = sandboxLauncher;
        this.googleCloud = googleCloud;
    }

    @Override
    public synchronized Connection connect() throws Exception {
        Optional<GoogleCredentials> adc = probe.find();
        if (adc.isPresent()) {
            return googleCloud.open(adc.get());
        }
        LOG.info("No Application Default Credentials; starting the in-process sandbox");
        return sandbox();
    }

    @Override
    public synchronized Connection connect(Connection.TargetKind kind) throws Exception {
        if (kind == Connection.TargetKind.SANDBOX) {
            return sandbox();
        }
        // probe first: without credentials the sandbox keeps running and stays the target
        GoogleCredentials adc = probe.find().orElseThrow(NoCredentialsException::new);
        Connection google = googleCloud.open(adc);
        stopSandbox();
        return google;
    }

    private static Connection googleCloud(GoogleCredentials adc) {
        String identity = CredentialIdentity.describe(adc);
        LOG.info("Application Default Credentials found ({}); connecting to Google Cloud", identity);
        GoogleClients clients = new GoogleClients(Target.googleCloud(adc, identity));
        return new Connection(Connection.TargetKind.GOOGLE_CLOUD, identity, identity, searchProjects(clients),
                Optional.of(clients));
    }

    /** The running sandbox's connection, starting it first if it is not running. */
    private Connection sandbox() throws Exception {
        boolean started = false;
        if (sandbox == null) {
            sandbox = sandboxLauncher.start();
            started = true;
        }
        try {
            GoogleClients clients = new GoogleClients(
                    Target.sandbox(sandbox.googleBase(), sandbox.operatorToken(), sandbox.operatorEmail()));
            Connection.ProjectInfo project = getProject(clients, sandbox.projectId());
            LOG.info("Sandbox {} at {}; project {}", started ? "started" : "running", sandbox.googleBase(), project.describe());
            return new Connection(Connection.TargetKind.SANDBOX, project.describe(), sandbox.operatorEmail(),
                    List.of(project), Optional.of(clients), sandbox.gitlab());
        } catch (IOException | RuntimeException e) {
            if (started) {
                stopSandbox();
            }
            throw e;
        }
    }

    private static Connection.ProjectInfo getProject(GoogleClients clients, String projectId) throws IOException {
        Project p = clients.resourceManager().projects().get(ResourceNames.projectName(projectId)).execute();
        return toInfo(p);
    }

    /**
     * Every project visible to the ADC identity (all pages, at most {@link #MAX_PROJECTS}), for the
     * bar's project chooser; an empty list (and a log line) when the search is refused.
     */
    private static List<Connection.ProjectInfo> searchProjects(GoogleClients clients) {
        List<Connection.ProjectInfo> out = new ArrayList<>();
        try {
            String page = null;
            do {
                SearchProjectsResponse r = clients.resourceManager().projects().search().setPageSize(PROJECT_PAGE)
                        .setPageToken(page).execute();
                if (r.getProjects() != null) {
                    r.getProjects().forEach(p -> out.add(toInfo(p)));
                }
                page = r.getNextPageToken() == null || r.getNextPageToken().isEmpty() ? null : r.getNextPageToken();
            } while (page != null && out.size() < MAX_PROJECTS);
        } catch (IOException e) {
            LOG.warn("Could not list projects: {}", dev.wifdesk.cloud.ClientErrors.oneLine(e));
        }
        return out;
    }

    static Connection.ProjectInfo toInfo(Project p) {
        return new Connection.ProjectInfo(p.getProjectId(), ResourceNames.projectOf(p.getName()), p.getDisplayName());
    }

    @Override
    public synchronized void close() {
        stopSandbox();
    }

    private void stopSandbox() {
        if (sandbox != null) {
            LOG.info("Stopping the sandbox");
            sandbox.close();
            sandbox = null;
        }
    }
}
