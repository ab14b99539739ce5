package dev.wifdesk.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code grant:} entry of the spec: the tail of a principal identifier, without the project
 * and pool (those come from the spec). {@code attribute.NAME/VALUE}, {@code subject/SUB},
 * {@code group/GROUP} or {@code *}.
 */
public record GrantEntry(PrincipalIdentifier.Kind kind, String attribute, String value) {
    public static final String RULE = "grant entry attribute.NAME/VALUE, subject/SUBJECT, group/GROUP or *";

    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\.([a-z0-9_]{1,100})/(.+)");
    private static final Pattern SUBJECT = Pattern.compile("subject/(.+)");
    private static final Pattern GROUP = Pattern.compile("group/(.+)");

    public GrantEntry {
        Objects.requireNonNull(kind, "kind");
    }

    /** @throws IllegalArgumentException saying what is wrong with the text */
    public static GrantEntry parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("grant entry is empty");
        }
        if (!text.equals(text.strip())) {
            throw new IllegalArgumentException("\"" + text + "\" has leading or trailing spaces");
        }
        if (PrincipalIdentifier.looksLikeFederated(text)) {
            throw new IllegalArgumentException("\"" + text + "\" is a whole principal identifier; write only its tail "
                    + "(e.g. attribute.project_path/acme/pipelines): the project number and pool are filled in");
        }
        if (text.equals("*")) {
            return new GrantEntry(PrincipalIdentifier.Kind.ALL, null, null);
        }
        Matcher m = ATTRIBUTE.matcher(text);
        if (m.matches()) {
            return new GrantEntry(PrincipalIdentifier.Kind.ATTRIBUTE, m.group(1), m.group(2));
        }
        m = SUBJECT.matcher(text);
        if (m.matches()) {
            return new GrantEntry(PrincipalIdentifier.Kind.SUBJECT, null, m.group(1));
        }
        m = GROUP.matcher(text);
        if (m.matches()) {
            return new GrantEntry(PrincipalIdentifier.Kind.GROUP, null, m.group(1));
        }
        if (text.startsWith("attribute.")) {
            throw new IllegalArgumentException("\"" + text + "\" needs attribute.NAME/VALUE with NAME of [a-z0-9_]{1,100} "
                    + "and a non-empty VALUE");
        }
        throw new IllegalArgumentException("\"" + text + "\" is not attribute.NAME/VALUE, subject/SUBJECT, group/GROUP or *");
    }

    public static Optional<GrantEntry> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The mapping key this entry needs: {@code attribute.NAME}, {@code google.groups} for groups, none otherwise. */
    public Optional<String> requiredMappingKey() {
        return switch (kind) {
            case ATTRIBUTE -> Optional.of("attribute." + attribute);
            case GROUP -> Optional.of("google.groups");
            default -> Optional.empty();
        };
    }

    public PrincipalIdentifier toPrincipal(String project, String poolId) {
        return switch (kind) {
            case SUBJECT -> PrincipalIdentifier.subject(project, poolId, value);
            case ATTRIBUTE -> PrincipalIdentifier.attribute(project, poolId, attribute, value);
            case GROUP -> PrincipalIdentifier.group(project, poolId, value);
            case ALL -> PrincipalIdentifier.all(project, poolId);
        };
    }

    public String format() {
        return switch (kind) {
            case SUBJECT -> "subject/" + value;
            case ATTRIBUTE -> "attribute." + attribute + "/" + value;
            case GROUP -> "group/" + value;
            case ALL -> "*";
        };
    }
}
