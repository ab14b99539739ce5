package dev.wifdesk.verify;

/**
 * How far {@code verify} goes (CLI.md {@code --launch}): preflight only, plus a validate-only launch,
 * or plus both that launch and a real pipeline.
 */
public enum LaunchMode {
    NONE, VALIDATE, RUN;

    /** The layers this mode asks for, in order. */
    public java.util.List<Layer> layers() {
        return switch (this) {
            case NONE -> java.util.List.of(Layer.PREFLIGHT);
            case VALIDATE -> java.util.List.of(Layer.PREFLIGHT, Layer.LAUNCH);
            case RUN -> java.util.List.of(Layer.PREFLIGHT, Layer.LAUNCH, Layer.PIPELINE);
        };
    }
}
