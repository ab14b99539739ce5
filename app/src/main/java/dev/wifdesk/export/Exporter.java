package dev.wifdesk.export;

/** One export target of {@code wifdesk export --to}: the spec's setup as another tool's input. */
public interface Exporter {
    /**
     * True when the text must carry the project NUMBER itself; the others look it up when they run
     * ({@code gcloud projects describe}, Terraform's {@code data "google_project"}).
     */
    boolean needsProjectNumber();

    /** The exported text; takes every value from {@link dev.wifdesk.model.SetupValues}. */
    String export(ExportRequest request);
}
