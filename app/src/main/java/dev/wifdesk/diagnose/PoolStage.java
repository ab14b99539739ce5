package dev.wifdesk.diagnose;

import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** Pool and provider state: disabled or (soft-)deleted resources block every exchange. */
final class PoolStage implements DiagnosisStage {

    @Override
    public Stage stage() {
        return Stage.POOL;
    }

    @Override
    public StageResult run(DiagnosisContext ctx) {
        if (ctx.input().pool().isEmpty() && ctx.provider().isEmpty()) {
            return StageResult.skipped(Stage.POOL, "no pool or provider given");
        }
        var ref = ctx.providerRef().orElse(null);
        String poolId = ctx.input().pool().map(PoolInfo::poolId).filter(s -> !s.isEmpty())
                .orElse(ref == null ? "POOL" : ref.poolId());
        String project = ref == null ? "" : " --project=" + ref.project();
        List<String> problems = new ArrayList<>();
        ctx.input().pool().ifPresent(pool -> {
            if (pool.deleted()) {
                problems.add("pool deleted");
                ctx.add(FindingCode.POOL_DELETED, Severity.ERROR, "The pool " + poolId + " is deleted (soft-deleted for 30 days: "
                                + "it can be undeleted, its id cannot be reused); no token exchange works.",
                        "gcloud iam workload-identity-pools undelete " + poolId + " --location=global" + project,
                        DiagnosisContext.evidence("pool", pool.name(), "state", pool.state()));
            } else if (pool.disabled()) {
                problems.add("pool disabled");
                ctx.add(FindingCode.POOL_DISABLED, Severity.ERROR, "The pool " + poolId + " is disabled: no exchange works and "
                                + "federated tokens already issued stop working.",
                        "gcloud iam workload-identity-pools update " + poolId + " --location=global" + project + " --no-disabled",
                        DiagnosisContext.evidence("pool", pool.name(), "disabled", "true"));
            }
        });
        ctx.provider().ifPresent(p -> {
            String id = ref == null ? "PROVIDER" : ref.providerId();
            if (p.deleted()) {
                problems.add("provider deleted");
                ctx.add(FindingCode.PROVIDER_DELETED, Severity.ERROR, "The provider " + id + " is deleted (soft-deleted for 30 "
                                + "days: it can be undeleted, its id cannot be reused).",
                        "gcloud iam workload-identity-pools providers undelete " + id + " --location=global --workload-identity-pool="
                                + poolId + project, DiagnosisContext.evidence("provider", p.name(), "state", p.state()));
            } else if (p.disabled()) {
                problems.add("provider disabled");
                ctx.add(FindingCode.PROVIDER_DISABLED, Severity.ERROR, "The provider " + id + " is disabled: no new exchange "
                                + "(tokens already issued keep working until they expire).",
                        Fixes.updateProvider(ref, "--no-disabled"), DiagnosisContext.evidence("provider", p.name(), "disabled", "true"));
            }
        });
        if (!problems.isEmpty()) {
            return StageResult.fail(Stage.POOL, String.join(", ", problems));
        }
        if (ctx.input().pool().isEmpty()) {
            // say only what was seen: the pool's own state was not given
            return StageResult.pass(Stage.POOL, "provider active" + (ref == null ? "" : " ("
                    + ResourceNames.providerName(ref.project(), ref.poolId(), ref.providerId()) + ")") + "; pool state not given");
        }
        String pool = ctx.input().pool().get().name();
        return StageResult.pass(Stage.POOL, "active: " + (pool.isEmpty() ? "pool" : pool)
                + (ctx.provider().isPresent() ? " and its provider" : ""));
    }
}
