package dev.wifdesk.diagnose.fix;

/** One row of the claims table: the claim, its value, and the mapped keys that read it. */
public record ClaimRow(String claim, String value, String mappedTo) {
}
