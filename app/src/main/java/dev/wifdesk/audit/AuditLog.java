package dev.wifdesk.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Append-only JSON Lines log of every mutating call. Each line is written whole in one append,
 * every text field is passed through {@link Redactor} first, so a token can never land here.
 */
public final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
    }

    /** Where the GUI and the command line keep the audit log unless told otherwise: {@code ~/.wifdesk/audit.jsonl}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".wifdesk", "audit.jsonl");
    }

    public Path file() {
        return file;
    }

    public synchronized void append(AuditEntry entry) {
        ObjectNode line = JSON.createObjectNode()
                .put("time", entry.time().toString())
                .put("actor", Redactor.redact(entry.actor()))
                .put("action", Redactor.redact(entry.action()))
                .put("resource", Redactor.redact(entry.resource()))
                .put("result", Redactor.redact(entry.result()))
                .put("detail", Redactor.redact(entry.detail()));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // a torn last line (crash mid-write, hand edit) must not swallow this entry
            String prefix = endsWithoutNewline() ? "\n" : "";
            Files.writeString(file, prefix + JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    private boolean endsWithoutNewline() throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
            var last = java.nio.ByteBuffer.allocate(1);
            ch.read(last, ch.size() - 1);
            return last.get(0) != '\n';
        }
    }

    /** All entries, oldest first; a damaged line is skipped rather than hiding the rest. */
    public synchronized List<AuditEntry> read() {
        List<AuditEntry> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    var n = JSON.readTree(line);
                    out.add(new AuditEntry(java.time.Instant.parse(n.path("time").asText()), n.path("actor").asText(),
                            n.path("action").asText(), n.path("resource").asText(), n.path("result").asText(),
                            n.path("detail").asText()));
                } catch (IOException | RuntimeException damaged) {
                    // a torn or hand-edited line: keep reading the rest
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
