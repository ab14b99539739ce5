package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An API answers only for projects where Service Usage has it ENABLED; otherwise the 403
 * SERVICE_DISABLED of catalogue #28, after authentication (401 first) and before any permission
 * check or validation. The consumer project is the one the request names (Dataflow, IAM), the
 * service account's or the pool's (IAM Credentials), the STS audience's (STS). Projects the
 * sandbox does not hold are not judged here (the API's own 403/404 follows).
 */
final class ServiceGate {
    private final SandboxState state;
    private final Authenticator auth;

    ServiceGate(SandboxState state, Authenticator auth) {
        this.state = state;
        this.auth = auth;
    }

    /** Throws #28 unless {@code service} is enabled in {@code project}. Inside the state lock. */
    static void requireEnabled(StateData d, ObjectNode project, String service) {
        String number = Projects.number(project);
        if (!"ENABLED".equals(d.services.get(ServiceUsageApi.serviceName(number, service)))) {
            throw GoogleErrors.serviceDisabled(service, ServiceUsageApi.title(service), number);
        }
    }

    /** Same, for a project named by ID or number; unknown projects pass. */
    void requireEnabled(String projectRef, String service) {
        state.read(d -> {
            Projects.find(d, projectRef).ifPresent(p -> requireEnabled(d, p, service));
            return null;
        });
    }

    /**
     * The routes, each first authenticating the caller and checking the route's API in the project of
     * its first path parameter ({@code projects/P/...}; {@code -} names no project).
     */
    List<Route> gated(List<Route> routes) {
        List<Route> out = new ArrayList<>();
        for (Route r : routes) {
            out.add(new Route(r.host(), r.method(), r.path(), r.operation(), req -> {
                if (req.pathParamCount() > 0) {
                    auth.anyCaller(req);
                    requireEnabled(req.pathParam(0), r.host());
                }
                return r.handler().handle(req);
            }));
        }
        return out;
    }
}
