package dev.wifdesk.diagnose.live;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import dev.wifdesk.audit.Redactor;
import dev.wifdesk.diagnose.IamPolicy;
import dev.wifdesk.diagnose.InvalidJsonException;
import dev.wifdesk.diagnose.PoolInfo;
import dev.wifdesk.diagnose.ProviderInfo;
import java.util.List;

/**
 * What Google says right now about a provider, its pool, the service account's policy and the
 * issuer's keys; any part may be null when the read failed ({@link #problems} say why, the
 * command line's {@link #notes()} in one line each; {@link #notFound} names what IAM answered 404
 * for). {@code policyResource} is the service account's resource name the policy was read from
 * (a binding fix writes to the same one).
 */
public record LiveFederationState(ProviderInfo provider, PoolInfo pool, IamPolicy policy, String projectNumber,
                                  String projectId, String jwksJson, String policyResource, List<Problem> problems,
                                  List<String> notFound) {
    /** Which read a problem belongs to. */
    public enum Part { AUDIENCE, PROJECT, PROVIDER, POOL, POLICY, JWKS }

    /**
     * One failed read: what (the STS audience, project, provider or pool name, service-account
     * e-mail, issuer) and why ({@code cause} is null for an audience that names no provider).
     */
    public record Problem(Part part, String subject, Exception cause) {
    }

    public LiveFederationState {
        problems = List.copyOf(problems);
        notFound = List.copyOf(notFound);
    }

    /** The problems as the command line prints them, one sentence each. */
    public List<String> notes() {
        return problems.stream().map(LiveFederationState::note).toList();
    }

    private static String note(Problem p) {
        return switch (p.part()) {
            case AUDIENCE -> "The STS audience '" + p.subject() + "' is not a provider resource name "
                    + "(//iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER): "
                    + "the provider could not be looked up.";
            case PROJECT -> sentence("Cannot read project " + p.subject() + " from Cloud Resource Manager: " + describe(p.cause()));
            case PROVIDER -> unreadable("provider " + p.subject(), p.cause());
            case POOL -> unreadable("pool " + p.subject(), p.cause());
            case POLICY -> unreadable("IAM policy of " + p.subject(), p.cause());
            case JWKS -> sentence("Cannot read the JWKS of the issuer " + p.subject() + ": " + describe(p.cause()));
        };
    }

    private static String unreadable(String what, Exception e) {
        return e instanceof InvalidJsonException ? sentence("The " + what + " could not be read: " + e.getMessage())
                : sentence("Cannot read the " + what + ": " + describe(e));
    }

    /** Server texts usually end with a period already: one, not two. */
    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    /** "404 NOT_FOUND: server text" for API errors, the exception's message otherwise; secrets masked. */
    static String describe(Exception e) {
        if (e instanceof GoogleJsonResponseException g) {
            Object status = g.getDetails() == null ? null : g.getDetails().get("status");
            String statusText = status == null ? "" : " " + status;
            String text = g.getDetails() != null && g.getDetails().getMessage() != null ? g.getDetails().getMessage()
                    : g.getStatusMessage();
            return Redactor.redact(g.getStatusCode() + statusText + ": " + text);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return Redactor.redact(message);
    }
}
