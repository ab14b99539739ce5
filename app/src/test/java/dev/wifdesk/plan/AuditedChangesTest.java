package dev.wifdesk.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wifdesk.audit.AuditEntry;
import dev.wifdesk.audit.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audited-change wrapper: one entry per mutating call with who/what/when/result; an audit failure never fails a change. */
class AuditedChangesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void eachMutatingCallIsWrittenWithTimeOperatorCallResourceAndResult() throws Exception {
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
        AuditedChanges audited = new AuditedChanges(log, "ops@acme.example", CLOCK);

        String value = audited.call("iam.serviceAccounts.create", "projects/p/serviceAccounts/a@p", "display name A",
                () -> "made");
        assertThatThrownBy(() -> audited.call("iam.workloadIdentityPools.create", "projects/1/.../pools/x", "",
                () -> {
                    throw new IOException("403 Forbidden\nPermission 'iam.workloadIdentityPools.create' denied");
                })).isInstanceOf(IOException.class);

        assertThat(value).isEqualTo("made");
        assertThat(audited.mutatingCalls()).isEqualTo(2);
        List<AuditEntry> entries = log.read();
        assertThat(entries).containsExactly(
                new AuditEntry(CLOCK.instant(), "ops@acme.example", "iam.serviceAccounts.create",
                        "projects/p/serviceAccounts/a@p", "ok", "display name A"),
                new AuditEntry(CLOCK.instant(), "ops@acme.example", "iam.workloadIdentityPools.create",
                        "projects/1/.../pools/x", "failed: 403 Forbidden", ""));
        assertThat(audited.auditFailures()).isEmpty();
    }

    @Test
    void aFailingAuditWriteDoesNotTurnASuccessfulChangeIntoAFailure() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        AuditedChanges audited = new AuditedChanges(new AuditLog(notADirectory.resolve("audit.jsonl")), "ops", CLOCK);
        int[] made = new int[1];

        Boolean result = audited.call("cloudresourcemanager.projects.setIamPolicy", "projects/p", "+ roles/x",
                () -> ++made[0] == 1);

        assertThat(result).isTrue();
        assertThat(made[0]).isEqualTo(1);
        assertThat(audited.auditFailures()).singleElement().asString()
                .startsWith("cloudresourcemanager.projects.setIamPolicy projects/p: cannot write the audit log");
    }

    @Test
    void aFailedChangeStaysAFailureWhenItsAuditWriteFailsToo() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        AuditedChanges audited = new AuditedChanges(new AuditLog(notADirectory.resolve("audit.jsonl")), "ops", CLOCK);
        assertThatThrownBy(() -> audited.call("x.create", "r", "", () -> {
            throw new IOException("409 conflict");
        })).hasMessage("409 conflict");
        assertThat(audited.auditFailures()).hasSize(1);
    }

    @Test
    void aTokenInADetailNeverReachesTheFile() throws Exception {
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0X3BhdGg6YWNtZSJ9.c2lnbmF0dXJlc2lnbmF0dXJl";
        new AuditedChanges(log, "ops", CLOCK).call("x.create", "r", "token " + jwt, () -> null);
        assertThat(Files.readString(log.file())).doesNotContain(jwt);
    }
}
