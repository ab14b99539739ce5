package dev.wifdesk.rotate;

import java.util.Objects;

/**
 * Something a rotation phase found that the user must decide on, shown with the phase's plan:
 * {@code UNMANAGED_BINDING} (a member of the old pool on an account that the spec does not make),
 * {@code VARIABLES_CHANGED} (a CI/CD variable neither on the old nor the new provider's value),
 * {@code CI_FILE_OLD_AUDIENCE} ({@code .gitlab-ci.yml} spells out the old provider's default audience:
 * info, naming the merge request the switch or rollback proposes or closes), {@code BRIDGE_AUDIENCE}
 * (the new provider also accepts that old audience until the file no longer names it: info at
 * prepare, a warning at retire while the file still names it).
 */
public record RotationFinding(String code, String severity, String message, String fix) {
    public static final String UNMANAGED_BINDING = "ROTATION_UNMANAGED_BINDING";
    public static final String VARIABLES_CHANGED = "ROTATION_VARIABLES_CHANGED";
    public static final String CI_FILE_OLD_AUDIENCE = "ROTATION_CI_FILE_OLD_AUDIENCE";
    public static final String BRIDGE_AUDIENCE = "ROTATION_BRIDGE_AUDIENCE";

    public RotationFinding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }
}
