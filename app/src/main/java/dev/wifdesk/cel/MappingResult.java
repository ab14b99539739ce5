package dev.wifdesk.cel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an attribute mapping made of a token: the {@code google.*} and {@code attribute.*} values
 * (keys without their prefix) and every problem met on the way.
 */
public record MappingResult(Map<String, Object> google, Map<String, Object> attribute, List<Problem> problems) {

    public enum Kind {
        /** no google.subject mapping at all */
        MISSING_SUBJECT,
        /** the expression does not compile */
        COMPILE_ERROR,
        /** the expression compiled but failed to run */
        EVAL_ERROR,
        /** the expression reads a claim the token lacks */
        CLAIM_MISSING,
        /** google.subject is not a string */
        SUBJECT_NOT_STRING,
        /** google.subject is over 127 bytes */
        SUBJECT_TOO_LONG
    }

    /** {@code fatal} problems make STS refuse the exchange; the others only leave an attribute unset. */
    public record Problem(String key, Kind kind, String detail, boolean fatal) {
    }

    public MappingResult {
        google = Map.copyOf(google);
        attribute = Map.copyOf(attribute);
        problems = List.copyOf(problems);
    }

    public Optional<String> subject() {
        return google.get("subject") instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public Optional<Problem> firstFatal() {
        return problems.stream().filter(Problem::fatal).findFirst();
    }
}
