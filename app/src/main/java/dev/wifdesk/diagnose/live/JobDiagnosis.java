package dev.wifdesk.diagnose.live;

import dev.wifdesk.diagnose.Diagnosis;
import java.util.List;
import java.util.Optional;

/**
 * One failed CI job and what was found in its log: the recognised catalogue excerpt (never a
 * token) and its diagnosis, or none when the log holds no federation error.
 */
public record JobDiagnosis(long id, String name, String ref, String webUrl, String excerpt, Diagnosis diagnosis,
                           List<String> notes) {
    public static final String NO_FEDERATION_ERROR = "no federation error found";

    public JobDiagnosis {
        notes = List.copyOf(notes);
    }

    public Optional<Diagnosis> diagnosisIfFound() {
        return Optional.ofNullable(diagnosis);
    }

    public boolean federationErrorFound() {
        return diagnosis != null;
    }

    /** A job whose diagnosis has an error finding. */
    public boolean failed() {
        return diagnosis != null && !diagnosis.passed();
    }
}
