package dev.wifdesk.rotate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The naming scheme of rotated pools: {@code <base>-<yyyy>q<n>} for the quarter of the given time
 * ({@code gitlab-ci} -> {@code gitlab-ci-2026q4}), then {@code -2}, {@code -3}... while the id is
 * held by an existing or soft-deleted pool (a deleted id cannot be reused for 30 days). The base is
 * the current id without an earlier quarter suffix, shortened so the id keeps to 32 chars.
 */
public final class PoolIds {
    static final int MAX = 32;
    private static final Pattern QUARTER_SUFFIX = Pattern.compile("-\\d{4}q[1-4](-\\d+)?$");

    private PoolIds() {
    }

    /** The quarter label of {@code now} in UTC, e.g. {@code 2026q4}. */
    public static String quarter(Instant now) {
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        return t.getYear() + "q" + ((t.getMonthValue() - 1) / 3 + 1);
    }

    public static String base(String currentId) {
        return QUARTER_SUFFIX.matcher(currentId).replaceFirst("");
    }

    /** The first id of the scheme that is neither {@code currentId} nor in {@code taken}. */
    public static String next(String currentId, Instant now, Set<String> taken) {
        String base = base(currentId);
        for (int n = 1; ; n++) {
            String suffix = "-" + quarter(now) + (n == 1 ? "" : "-" + n);
            String head = base.length() + suffix.length() > MAX ? base.substring(0, MAX - suffix.length()) : base;
            String id = head.replaceAll("-+$", "") + suffix;
            if (!id.equals(currentId) && !taken.contains(id)) {
                return id;
            }
        }
    }
}
