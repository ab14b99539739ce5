package dev.wifdesk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.testing.FakeTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    private static final String FAKE_JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLWJ5dGVz";

    @Test
    void appendsOneJsonLinePerEntryAndReadsThemBack(@TempDir Path dir) throws Exception {
        AuditLog log = new AuditLog(dir.resolve("audit/audit.jsonl"));
        log.append(new AuditEntry(Instant.parse("2026-11-25T10:00:00Z"), "user:op@example.com", "iam.providers.patch",
                "projects/1/locations/global/workloadIdentityPools/p/providers/q", "done", "allowedAudiences"));
        log.append(new AuditEntry(Instant.parse("2026-11-25T10:01:00Z"), "user:op@example.com", "iam.sa.setIamPolicy",
                "sa@p.iam.gserviceaccount.com", "failed", "409"));

        assertThat(Files.readAllLines(log.file())).hasSize(2);
        assertThat(log.read()).extracting(AuditEntry::action).containsExactly("iam.providers.patch", "iam.sa.setIamPolicy");
        assertThat(log.read().get(1).result()).isEqualTo("failed");
    }

    @Test
    void tokensNeverReachTheFile(@TempDir Path dir) throws Exception {
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
        log.append(new AuditEntry(Instant.now(), "ci", "sts.exchange", "aud",
                "failed", "subject_token=" + FAKE_JWT + " PRIVATE-TOKEN: fake-header-token Bearer " + FakeTokens.GOOGLE_ACCESS_TOKEN));
        String written = Files.readString(log.file());
        assertThat(written).doesNotContain(FAKE_JWT).doesNotContain("fake-header-token")
                .doesNotContain(FakeTokens.FAKE_BODY).contains(Redactor.MASK);
    }

    @Test
    void damagedLineIsSkippedNotFatal(@TempDir Path dir) throws Exception {
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
        log.append(new AuditEntry(Instant.now(), "a", "b", "c", "done", ""));
        Files.writeString(log.file(), "{torn", java.nio.file.StandardOpenOption.APPEND);
        log.append(new AuditEntry(Instant.now(), "a", "b2", "c", "done", ""));
        assertThat(log.read()).extracting(AuditEntry::action).containsExactly("b", "b2");
    }

    @Test
    void redactorLeavesOrdinaryTextAlone() {
        String plain = "The audience in ID Token [https://gitlab.com] does not match the expected audience.";
        assertThat(Redactor.redact(plain)).isEqualTo(plain);
        assertThat(Redactor.redact("token " + FAKE_JWT + " end")).isEqualTo("token eyJ" + Redactor.MASK + " end");
    }
}
