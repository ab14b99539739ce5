package dev.wifdesk.ui.diagnostics;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.diagnose.fix.ClaimRow;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run as the screen shows it, handed to the FX thread in one piece: the report (null for a
 * failed job without a federation error), its verdict line and notes, the claims table, and what
 * the fixes need (the provider judged, the token's claims, the policy's resource, the project
 * number). A failed job's run has no provider, claims or policy: it offers no Apply fix.
 */
public record DiagnosisRun(DiagnosisReport report, String verdict, List<String> notes, List<ClaimRow> claims,
                           Optional<WorkloadIdentityPoolProvider> provider, Map<String, Object> claimMap,
                           String policyResource, String projectNumber) {
    public DiagnosisRun {
        notes = List.copyOf(notes);
        claims = List.copyOf(claims);
        provider = provider == null ? Optional.empty() : provider;
        claimMap = claimMap == null ? Map.of() : claimMap;
        projectNumber = projectNumber == null ? "" : projectNumber;
    }

    /** A failed job's diagnosis (no token, no chosen service account). */
    static DiagnosisRun ofJob(DiagnosisReport report, String verdict, List<String> notes) {
        return new DiagnosisRun(report, verdict, notes, List.of(), Optional.empty(), Map.of(), null, "");
    }
}
