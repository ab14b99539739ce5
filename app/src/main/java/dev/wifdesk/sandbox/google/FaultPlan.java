package dev.wifdesk.sandbox.google;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Fault injection for the Google sandbox, parsed from the {@code --faults} spec.
 *
 * <pre>
 * spec   := entry ("," entry)*
 * entry  := [scope [":" operation] "="] fault ["x" COUNT] ["@" PROBABILITY]
 * scope  := any | iam | sts | iamcredentials | crm | cloudresourcemanager | serviceusage | dataflow
 * fault  := 429 | 500 | 503 | drop | concurrent-edit
 * </pre>
 *
 * Examples: {@code iam:setIamPolicy=concurrent-edit} (the next IAM setIamPolicy that carries an etag
 * finds the policy changed underneath it, once), {@code sts=503x2} (the first two STS calls fail
 * with 503), {@code any=429@0.1} (one call in ten, anywhere, gets 429), {@code dataflow:launch=drop}
 * (the connection is closed without an answer). An entry without scope means {@code any}; the
 * operation is the REST method name ({@code get}, {@code create}, {@code token},
 * {@code generateAccessToken}, {@code launch}, {@code getIamPolicy}...; case-insensitive). Without
 * {@code xCOUNT} a fault fires on every matching call, except {@code concurrent-edit} which fires
 * once. Probabilities use a fixed seed, so a run is reproducible. Thread-safe.
 *
 * <p>A {@code concurrent-edit} is another writer's real edit, not just a new etag: it adds
 * {@code user:concurrent-writer-N@example.com} (N counts the edits) to {@code roles/viewer} on a
 * project or {@code roles/iam.serviceAccountTokenCreator} on a service account, so a client that
 * drops bindings it did not read is caught. {@link #add} arms more rules on a running sandbox.
 */
final class FaultPlan {
    enum Kind { STATUS_429, STATUS_500, STATUS_503, DROP, CONCURRENT_EDIT }

    private static final Map<String, String> SCOPES = Map.of(
            "any", "*",
            "iam", "iam.googleapis.com",
            "sts", "sts.googleapis.com",
            "iamcredentials", "iamcredentials.googleapis.com",
            "crm", "cloudresourcemanager.googleapis.com",
            "cloudresourcemanager", "cloudresourcemanager.googleapis.com",
            "serviceusage", "serviceusage.googleapis.com",
            "dataflow", "dataflow.googleapis.com");

    private static final class Rule {
        final String host;
        final String operation;
        final Kind kind;
        long remaining;
        final double probability;

        Rule(String host, String operation, Kind kind, long remaining, double probability) {
            this.host = host;
            this.operation = operation;
            this.kind = kind;
            this.remaining = remaining;
            this.probability = probability;
        }

        boolean matches(String callHost, String callOperation) {
            return (host.equals("*") || host.equals(callHost))
                    && (operation == null || operation.equalsIgnoreCase(callOperation));
        }
    }

    private final List<Rule> rules;
    private final Random random = new Random(7);

    private FaultPlan(List<Rule> rules) {
        this.rules = new ArrayList<>(rules);
    }

    /** Arms the rules of {@code more} after the ones already here (a test re-arms a once-only fault). */
    synchronized void add(FaultPlan more) {
        rules.addAll(more.rules);
    }

    static FaultPlan none() {
        return new FaultPlan(List.of());
    }

    /** @throws IllegalArgumentException naming the entry and the rule it breaks */
    static FaultPlan parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return none();
        }
        List<Rule> rules = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            rules.add(parseEntry(entry));
        }
        return new FaultPlan(rules);
    }

    private static Rule parseEntry(String entry) {
        String target = "any";
        String fault = entry;
        int eq = entry.indexOf('=');
        if (eq >= 0) {
            target = entry.substring(0, eq).trim();
            fault = entry.substring(eq + 1).trim();
        }
        String scope = target;
        String operation = null;
        int colon = target.indexOf(':');
        if (colon >= 0) {
            scope = target.substring(0, colon).trim();
            operation = target.substring(colon + 1).trim();
            if (operation.isEmpty()) {
                throw bad(entry, "the operation after ':' is empty");
            }
        }
        String host = SCOPES.get(scope.toLowerCase(Locale.ROOT));
        if (host == null) {
            throw bad(entry, "unknown scope '" + scope + "', expected one of " + String.join(", ", SCOPES.keySet()));
        }
        double probability = 1.0;
        int at = fault.indexOf('@');
        if (at >= 0) {
            try {
                probability = Double.parseDouble(fault.substring(at + 1));
            } catch (NumberFormatException e) {
                throw bad(entry, "the probability after '@' must be a number between 0 and 1");
            }
            if (!(probability > 0 && probability <= 1)) {
                throw bad(entry, "the probability after '@' must be a number between 0 and 1");
            }
            fault = fault.substring(0, at);
        }
        Long count = null;
        int x = fault.lastIndexOf('x');
        if (x > 0 && fault.substring(x + 1).chars().allMatch(Character::isDigit) && x + 1 < fault.length()) {
            try {
                count = Long.parseLong(fault.substring(x + 1));
            } catch (NumberFormatException e) {
                throw bad(entry, "the count after 'x' must be a whole number from 1 to " + Long.MAX_VALUE);
            }
            if (count < 1) {
                throw bad(entry, "the count after 'x' must be at least 1");
            }
            fault = fault.substring(0, x);
        }
        Kind kind = switch (fault.toLowerCase(Locale.ROOT)) {
            case "429" -> Kind.STATUS_429;
            case "500" -> Kind.STATUS_500;
            case "503" -> Kind.STATUS_503;
            case "drop" -> Kind.DROP;
            case "concurrent-edit" -> Kind.CONCURRENT_EDIT;
            default -> throw bad(entry, "unknown fault '" + fault + "', expected 429, 500, 503, drop or concurrent-edit");
        };
        long remaining = count != null ? count : kind == Kind.CONCURRENT_EDIT ? 1 : Long.MAX_VALUE;
        return new Rule(host, operation, kind, remaining, probability);
    }

    private static IllegalArgumentException bad(String entry, String rule) {
        return new IllegalArgumentException("faults: entry '" + entry + "': " + rule);
    }

    /** The failure (status or drop) to inject into this call, if any rule fires. */
    synchronized Optional<Kind> onCall(String host, String operation) {
        for (Rule r : rules) {
            if (r.kind != Kind.CONCURRENT_EDIT && fires(r, host, operation)) {
                return Optional.of(r.kind);
            }
        }
        return Optional.empty();
    }

    /** True when a concurrent policy edit should happen just before this setIamPolicy. */
    synchronized boolean concurrentEdit(String host, String operation) {
        for (Rule r : rules) {
            if (r.kind == Kind.CONCURRENT_EDIT && fires(r, host, operation)) {
                return true;
            }
        }
        return false;
    }

    private boolean fires(Rule r, String host, String operation) {
        if (r.remaining <= 0 || !r.matches(host, operation)) {
            return false;
        }
        if (r.probability < 1.0 && random.nextDouble() >= r.probability) {
            return false;
        }
        r.remaining--;
        return true;
    }
}
