package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.IamServiceAccountDirectory;
import dev.wifdesk.cloud.JwksSource;
import dev.wifdesk.cloud.OidcJwksSource;

import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.ui.connection.Connection;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What the Diagnostics screen needs beyond the provider directory when it is connected: the
 * service accounts, the issuer's keys, the real exchange, the latest GitLab failures, and the
 * audit log every applied change is written to.
 */
public record LiveServices(ServiceAccountDirectories serviceAccounts, Function<Connection, JwksSource> jwks,
                           ExchangeRunner exchange, FailuresSource failures, AuditLog audit) {

    /** The app's: real clients; the audit log under the user's app data dir. */
    public static LiveServices real(AuditLog audit) {
        return new LiveServices(c -> new IamServiceAccountDirectory(c.clients()
                        .orElseThrow(() -> new IllegalStateException("no Google clients for " + c.target())).iam()),
                LiveServices::jwksFor, ExchangeRunner.real(), GitLabFailuresSource.fromEnvironment(), audit);
    }

    /** In sandbox mode the GitLab issuer is served on loopback; on Google Cloud the issuer's public URL. */
    public static JwksSource jwksFor(Connection c) {
        return c.sandboxGitLab().map(g -> OidcJwksSource.sandbox(g.issuerRewrite())).orElseGet(OidcJwksSource::direct);
    }

    /** {@code ~/.wifdesk/audit.jsonl}. */
    public static Path defaultAuditFile() {
        return dev.wifdesk.audit.AuditLog.defaultFile();
    }
}
