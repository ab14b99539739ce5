package dev.wifdesk.rotate;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rotation state, kept where every phase can re-read it (not in a local file): the new pool's
 * description ends with {@code [rotated-from: OLD]}, and once the GitLab variables point at it,
 * {@code [rotated-from: OLD; switched: 2026-12-01T10:00:00Z]}. A crash between two phases loses nothing.
 */
public record RotationMarker(String rotatedFrom, Optional<Instant> switchedAt) {
    private static final Pattern MARKER = Pattern.compile(
            "\\s*\\[rotated-from: ([a-z0-9-]+)(?:; switched: ([0-9TZ:.+-]+))?]\\s*$");
    /** IAM's limit on a pool description. */
    static final int DESCRIPTION_MAX = 256;

    public RotationMarker {
        switchedAt = switchedAt == null ? Optional.empty() : switchedAt;
    }

    public static RotationMarker preparedFrom(String oldPoolId) {
        return new RotationMarker(oldPoolId, Optional.empty());
    }

    public RotationMarker switched(Instant at) {
        return new RotationMarker(rotatedFrom, Optional.of(at));
    }

    public RotationMarker unswitched() {
        return new RotationMarker(rotatedFrom, Optional.empty());
    }

    /** The marker at the end of a pool description, if it carries one. */
    public static Optional<RotationMarker> parse(String description) {
        Matcher m = MARKER.matcher(description == null ? "" : description);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RotationMarker(m.group(1), Optional.ofNullable(m.group(2)).map(Instant::parse)));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // someone edited the marker: treat the pool as unmarked
        }
    }

    /** The description without a marker. */
    public static String strip(String description) {
        return MARKER.matcher(description == null ? "" : description).replaceFirst("");
    }

    public String text() {
        return "[rotated-from: " + rotatedFrom + switchedAt.map(t -> "; switched: " + t).orElse("") + "]";
    }

    /** {@code base} (without any old marker, shortened if needed to stay within 256 chars) plus this marker. */
    public String appendTo(String base) {
        String plain = strip(base).strip();
        String suffix = (plain.isEmpty() ? "" : " ") + text();
        int room = DESCRIPTION_MAX - suffix.length();
        if (plain.length() > room) {
            plain = plain.substring(0, Math.max(0, room)).strip();
        }
        return plain + suffix;
    }
}
