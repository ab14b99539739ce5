package dev.wifdesk.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The export targets by their {@code --to} name (CLI.md), and those this build does not have yet. */
public final class Exporters {
    /** Every target CLI.md names, in its order. */
    public static final Set<String> TARGETS = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(
            java.util.List.of("gcloud", "terraform", "gitlab-ci", "cred-config")));

    private final Map<String, Exporter> byName;

    private Exporters(Map<String, Exporter> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    public static Exporters standard() {
        Map<String, Exporter> m = new LinkedHashMap<>();
        m.put("gcloud", new GcloudScript());
        m.put("terraform", new TerraformConfig());
        m.put("gitlab-ci", new GitLabCiExport());
        m.put("cred-config", new CredentialConfigExport());
        return new Exporters(m);
    }

    /** The exporter for a target; empty when CLI.md names it but this build has none. */
    public Optional<Exporter> get(String target) {
        return Optional.ofNullable(byName.get(target));
    }
}
