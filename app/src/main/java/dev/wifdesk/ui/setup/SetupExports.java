package dev.wifdesk.ui.setup;

import dev.wifdesk.export.ExportRequest;
import dev.wifdesk.export.Exporter;
import dev.wifdesk.export.Exporters;
import dev.wifdesk.model.FederationSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wizard's export buttons: the same exporters and the same request as {@code wifdesk export
 * --to TARGET} with its defaults (no environment, the default token file), the project number
 * given only to the targets that need it, as {@code --project-number} would be. Pure: no I/O.
 */
final class SetupExports {
    /** The suggested file name of each target, in CLI.md's order. */
    static final Map<String, String> FILE_NAMES = Map.of("gcloud", "wif-setup.sh", "terraform", "wif-setup.tf",
            "gitlab-ci", "wif-verify.gitlab-ci.yml", "cred-config", "credential-config.json");
    private static final Map<String, List<String>> PATTERNS = Map.of("gcloud", List.of("*.sh"), "terraform",
            List.of("*.tf"), "gitlab-ci", List.of("*.yml", "*.yaml"), "cred-config", List.of("*.json"));

    private SetupExports() {
    }

    /** The export's text; {@code projectNumber} from the Project step. */
    static String text(String target, FederationSpec spec, Optional<String> projectNumber) {
        Exporter exporter = Exporters.standard().get(target)
                .orElseThrow(() -> new IllegalArgumentException(target + " is not available in this build"));
        ExportRequest request = ExportRequest.of(spec);
        if (exporter.needsProjectNumber()) {
            request = request.withProjectNumber(projectNumber.orElseThrow(() -> new IllegalStateException(
                    "the project number is not known yet: choose the project on step 2 first")));
        }
        return exporter.export(request);
    }

    static List<String> patterns(String target) {
        return PATTERNS.getOrDefault(target, List.of("*"));
    }
}
