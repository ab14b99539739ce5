package dev.wifdesk.cel;

/** The attribute condition's verdict for one token. */
public record ConditionResult(Outcome outcome, String detail) {
    public enum Outcome {
        /** no condition configured: everything from the issuer passes */
        ABSENT,
        ALLOWED,
        REJECTED,
        /** does not compile, fails to run, or is not a bool: STS rejects the token */
        ERROR
    }

    public boolean allowed() {
        return outcome == Outcome.ABSENT || outcome == Outcome.ALLOWED;
    }
}
