package dev.wifdesk.sandbox.google;

import static dev.wifdesk.sandbox.google.SandboxFixture.googleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.ListWorkloadIdentityPoolsResponse;
import com.google.api.services.iam.v1.model.Operation;
import com.google.api.services.iam.v1.model.UndeleteWorkloadIdentityPoolRequest;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.sandbox.SandboxOptions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** IAM v1 workload identity pools through the real {@code Iam} client. */
class WorkloadIdentityPoolsTest {
    private final SandboxFixture fx = new SandboxFixture();

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void createReturnsDoneOperationNamedWithTheProjectNumber() throws Exception {
        Operation op = fx.createPool("gitlab-ci");

        assertThat(op.getDone()).isTrue();
        assertThat(op.getName()).startsWith("projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/operations/");
        assertThat(op.getResponse()).containsEntry("name", fx.poolName("gitlab-ci"))
                .containsEntry("state", "ACTIVE").containsEntry("displayName", "GitLab CI")
                .containsEntry("@type", "type.googleapis.com/google.iam.v1.WorkloadIdentityPool");
        WorkloadIdentityPool got = fx.pools().get("projects/sandbox-project/locations/global/workloadIdentityPools/gitlab-ci")
                .execute();
        assertThat(got.getName()).isEqualTo(fx.poolName("gitlab-ci"));
        assertThat(got.getDisabled()).isNull();
    }

    @Test
    void idRulesAreEnforcedWithInvalidArgument() {
        for (String bad : new String[] {"abc", "Upper-case", "gcp-reserved", "a".repeat(33), "under_score"}) {
            var e = googleError(() -> fx.createPool(bad));
            assertThat(e.getStatusCode()).isEqualTo(400);
            assertThat(e.getDetails().get("status")).isEqualTo("INVALID_ARGUMENT");
            assertThat(e.getDetails().getMessage()).contains("workloadIdentityPoolId").contains(bad);
        }
    }

    @Test
    void displayNameOver32CharsIsRejected() {
        var e = googleError(() -> fx.pools().create("projects/sandbox-project/locations/global",
                new WorkloadIdentityPool().setDisplayName("x".repeat(33))).setWorkloadIdentityPoolId("long-name").execute());
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getDetails().getMessage()).contains("displayName").contains("32");
    }

    @Test
    void duplicateActiveIdIsAlreadyExists() throws Exception {
        fx.createPool("gitlab-ci");
        var e = googleError(() -> fx.createPool("gitlab-ci"));
        assertThat(e.getStatusCode()).isEqualTo(409);
        assertThat(e.getDetails().get("status")).isEqualTo("ALREADY_EXISTS");
        assertThat(e.getDetails().getMessage()).isEqualTo(ErrorTexts.ALREADY_EXISTS);
    }

    @Test
    void deleteIsSoftForThirtyDaysThenUndeleteRestores() throws Exception {
        fx.createPool("gitlab-ci");
        Operation deleted = fx.pools().delete(fx.poolName("gitlab-ci")).execute();
        assertThat(deleted.getResponse()).containsEntry("state", "DELETED");

        WorkloadIdentityPool pool = fx.pools().get(fx.poolName("gitlab-ci")).execute();
        assertThat(pool.getState()).isEqualTo("DELETED");
        assertThat(Instant.parse(pool.getExpireTime())).isEqualTo(fx.clock.instant().plus(Duration.ofDays(30)));

        var reuse = googleError(() -> fx.createPool("gitlab-ci"));
        assertThat(reuse.getStatusCode()).isEqualTo(409);
        assertThat(reuse.getDetails().getMessage()).isEqualTo(ErrorTexts.ALREADY_EXISTS);

        Operation undeleted = fx.pools().undelete(fx.poolName("gitlab-ci"), new UndeleteWorkloadIdentityPoolRequest())
                .execute();
        assertThat(undeleted.getResponse()).containsEntry("state", "ACTIVE").doesNotContainKey("expireTime");
        assertThat(fx.pools().get(fx.poolName("gitlab-ci")).execute().getState()).isEqualTo("ACTIVE");
    }

    @Test
    void softDeletedPoolIsPurgedAfterThirtyDaysAndTheIdIsFreeAgain() throws Exception {
        fx.createPool("gitlab-ci");
        fx.pools().delete(fx.poolName("gitlab-ci")).execute();
        fx.clock.advance(Duration.ofDays(30).plusSeconds(1));

        var e = googleError(() -> fx.pools().get(fx.poolName("gitlab-ci")).execute());
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getDetails().get("status")).isEqualTo("NOT_FOUND");
        assertThat(fx.createPool("gitlab-ci").getDone()).isTrue();
    }

    @Test
    void listPagesAndHidesDeletedUnlessAsked() throws Exception {
        for (String id : new String[] {"pool-a", "pool-b", "pool-c"}) {
            fx.createPool(id);
        }
        fx.pools().delete(fx.poolName("pool-b")).execute();
        String parent = "projects/sandbox-project/locations/global";

        ListWorkloadIdentityPoolsResponse first = fx.pools().list(parent).setPageSize(1).execute();
        assertThat(first.getWorkloadIdentityPools()).extracting(WorkloadIdentityPool::getName)
                .containsExactly(fx.poolName("pool-a"));
        assertThat(first.getNextPageToken()).isNotBlank();
        ListWorkloadIdentityPoolsResponse second = fx.pools().list(parent).setPageSize(1)
                .setPageToken(first.getNextPageToken()).execute();
        assertThat(second.getWorkloadIdentityPools()).extracting(WorkloadIdentityPool::getName)
                .containsExactly(fx.poolName("pool-c"));
        assertThat(second.getNextPageToken()).isNull();

        ListWorkloadIdentityPoolsResponse all = fx.pools().list(parent).setShowDeleted(true).execute();
        assertThat(all.getWorkloadIdentityPools()).extracting(WorkloadIdentityPool::getState)
                .containsExactly("ACTIVE", "DELETED", "ACTIVE");
    }

    @Test
    void patchHonoursTheUpdateMask() throws Exception {
        fx.createPool("gitlab-ci");
        WorkloadIdentityPool change = new WorkloadIdentityPool().setDisplayName("Renamed").setDescription("new text")
                .setDisabled(true);
        Operation op = fx.pools().patch(fx.poolName("gitlab-ci"), change).setUpdateMask("description,disabled").execute();

        assertThat(op.getDone()).isTrue();
        WorkloadIdentityPool pool = fx.pools().get(fx.poolName("gitlab-ci")).execute();
        assertThat(pool.getDisplayName()).isEqualTo("GitLab CI");
        assertThat(pool.getDescription()).isEqualTo("new text");
        assertThat(pool.getDisabled()).isTrue();

        var noMask = googleError(() -> fx.pools().patch(fx.poolName("gitlab-ci"), change).execute());
        assertThat(noMask.getStatusCode()).isEqualTo(400);
        assertThat(noMask.getDetails().getMessage()).contains("updateMask");
    }

    @Test
    void missingPoolIsNotFound() {
        var e = googleError(() -> fx.pools().get(fx.poolName("nothing-here")).execute());
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getDetails().get("status")).isEqualTo("NOT_FOUND");
    }

    @Test
    void unknownProjectIsPermissionDeniedInIamStyle() {
        var e = googleError(() -> fx.pools().list("projects/someone-else/locations/global").execute());
        assertThat(e.getStatusCode()).isEqualTo(403);
        assertThat(e.getDetails().getMessage())
                .isEqualTo("Permission 'iam.workloadIdentityPools.list' denied on resource (or it may not exist).");
    }

    @Test
    void operationsStayPendingUntilTheLroDelayPasses() throws Exception {
        try (SandboxFixture slow = new SandboxFixture(SandboxOptions.defaults().withLroDelayMs(60_000))) {
            Operation op = slow.createPool("gitlab-ci");
            assertThat(op.getDone()).isFalse();
            assertThat(op.getResponse()).isNull();

            Operation still = slow.pools().operations().get(op.getName()).execute();
            assertThat(still.getDone()).isFalse();

            slow.clock.advance(Duration.ofSeconds(60));
            Operation done = slow.pools().operations().get(op.getName()).execute();
            assertThat(done.getDone()).isTrue();
            assertThat(done.getResponse()).containsEntry("name", slow.poolName("gitlab-ci"));
        }
    }
}
