package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.audit.Redactor;
import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.cloud.ProviderDirectory;
import dev.wifdesk.cloud.ServiceAccountDirectory;
import dev.wifdesk.diagnose.fix.BindingFixPlanner;
import dev.wifdesk.diagnose.fix.FixPlanner;
import dev.wifdesk.diagnose.fix.ProviderChange;
import dev.wifdesk.model.Finding;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.core.ClipboardWriter;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Work;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixes panel: Copy fix, and Apply fix after the user confirmed the exact change (a provider
 * patch through the IAM client, or a workloadIdentityUser binding through the policy editor). A
 * change is mutating work: a target switch never interrupts it mid-call, and it is written to the
 * audit log whatever happens next. A change that succeeded is reported as applied even when its
 * audit entry could not be written; that failure is reported on its own.
 */
public final class FixesViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(FixesViewModel.class);

    private final DiagnosticsSession session;
    private final RunViewModel run;
    private final ProviderDirectories directories;
    private final LiveServices live;
    private final ClipboardWriter clipboard;
    private final Clock clock;
    private final BindingFixPlanner bindingPlanner;
    private final Messages messages;

    FixesViewModel(DiagnosticsSession session, RunViewModel run, ProviderDirectories directories, LiveServices live,
                   ClipboardWriter clipboard, Clock clock, BindingFixPlanner bindingPlanner) {
        this.session = session;
        this.run = run;
        this.directories = directories;
        this.live = live;
        this.clipboard = clipboard;
        this.clock = clock;
        this.bindingPlanner = bindingPlanner;
        this.messages = session.messages();
    }

    /** Copies the finding's fix (redacted, in case a fix quotes a credential). */
    public String copyFix(Finding finding) {
        String text = Redactor.redact(finding.fix());
        clipboard.put(text);
        session.setNotice(messages.get("diag.fix.copied", finding.code().name()));
        return text;
    }

    /** The exact provider patch for an audience or condition finding, if one applies. */
    public Optional<ProviderChange> proposeFix(Finding finding) {
        DiagnosisRun last = session.lastRunProperty().get();
        if (!FixPlanner.canFix(finding.code()) || last == null || last.provider().isEmpty()
                || session.providerSourceProperty().get() != DiagnosticsSession.ProviderSource.LIVE) {
            return Optional.empty();
        }
        return FixPlanner.plan(finding, last.provider().get(), last.claimMap());
    }

    /** The "add the binding" change for a binding finding, when this token's member is known. */
    public Optional<PolicyChange> proposeBindingFix(Finding finding) {
        DiagnosisRun last = session.lastRunProperty().get();
        if (!BindingFixPlanner.canFix(finding.code()) || last == null || last.policyResource() == null
                || last.provider().isEmpty()) {
            return Optional.empty();
        }
        return bindingPlanner.plan(finding, last.provider().get(), last.claimMap(), last.projectNumber(), last.policyResource());
    }

    /** Applies a confirmed provider change through the IAM client, then runs the diagnosis again. */
    public void applyFix(ProviderChange change) {
        if (session.busyProperty().get()) {
            return; // never the same patch twice: the first one is still running
        }
        Optional<Connection> conn = session.connection();
        if (conn.isEmpty()) {
            session.setInputMessage(messages.get("diag.fix.noConnection"));
            return;
        }
        ProviderDirectory directory = directories.forConnection(conn.get());
        String detail = change.updateMask() + ": [" + change.before().replace('\n', ',') + "] -> ["
                + change.after().replace('\n', ',') + "]";
        apply(conn.get(), "patch provider (" + change.cause() + ")", change.providerName(), detail,
                () -> directory.apply(change.patch()), () -> {
            LOG.info("Applied fix for {} to {}", change.cause(), change.providerName());
            return messages.get("diag.fix.applied", change.updateMask());
        }, "diag.fix.failed");
    }

    /** Applies a confirmed binding (read-modify-write with the etag), audits it, then re-runs the diagnosis. */
    public void applyBindingFix(PolicyChange change) {
        if (session.busyProperty().get()) {
            return;
        }
        Optional<Connection> conn = session.connection();
        if (conn.isEmpty() || conn.get().clients().isEmpty()) {
            session.setInputMessage(messages.get("diag.fix.noConnection"));
            return;
        }
        ServiceAccountDirectory directory = live.serviceAccounts().forConnection(conn.get());
        apply(conn.get(), "add IAM binding", change.resource(), change.describe(), () -> directory.apply(change), () -> {
            LOG.info("Applied: {}", change.describe());
            return messages.get("diag.fix.bindingApplied", change.role());
        }, "diag.fix.bindingFailed");
    }

    /** What the applied notice says (and logs) once the change went through. */
    private interface Applied {
        String notice();
    }

    /** The change itself: one mutating call. */
    private interface Change {
        void make() throws Exception;
    }

    private void apply(Connection conn, String action, String resource, String detail, Change change, Applied applied,
                       String failedKey) {
        session.begin();
        session.executor().run(Work.steps(progress -> {
                    // the only point where a cancel may stop it: before anything changed
                    if (progress.isCancelled()) {
                        throw new Work.CancelledException();
                    }
                    AuditedChanges audited = new AuditedChanges(live.audit(), conn.identity(), clock);
                    audited.call(action, resource, detail, () -> {
                        change.make();
                        return null;
                    });
                    return audited.auditFailures();
                })
                .mutating()
                // applied to the target the user switched away from: nothing of it shows on the new one
                .boundTo(session::currentTarget)
                .onSuccess(auditFailures -> {
                    session.end(); // free before the re-run claims the screen again
                    run.diagnose();
                    session.setNotice(applied.notice());
                    if (!auditFailures.isEmpty()) {
                        session.setInputMessage(messages.get("diag.fix.auditFailed", auditFailures.get(0)));
                    }
                })
                .onFailure(t -> {
                    session.end();
                    LOG.warn("Applying the change failed: {}", ClientErrors.oneLine(t));
                    session.setInputMessage(messages.get(failedKey, ClientErrors.oneLine(t)));
                })
                .onCancelled(session::end));
    }
}
