package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's state behind one lock: every read and write runs as a function over
 * {@link StateData}. A write persists a snapshot (temp file + atomic move) when a state dir is
 * set, so a restarted sandbox finds its pools again. Soft-deleted resources past their 30 days
 * are purged on every access.
 */
final class SandboxState {
    static final String SNAPSHOT_FILE = "google-sandbox.json";
    private static final Logger LOG = LoggerFactory.getLogger(SandboxState.class);

    private final ObjectMapper mapper;
    private final Clock clock;
    private final Path stateDir;
    private StateData data;

    SandboxState(ObjectMapper mapper, Clock clock, Path stateDir, StateData seed) {
        this.mapper = mapper;
        this.clock = clock;
        this.stateDir = stateDir;
        this.data = load().orElse(seed);
    }

    Clock clock() {
        return clock;
    }

    Instant now() {
        return clock.instant();
    }

    synchronized <T> T read(Function<StateData, T> reader) {
        purgeExpired();
        return reader.apply(data);
    }

    synchronized <T> T write(Function<StateData, T> writer) {
        purgeExpired();
        T result = writer.apply(data);
        persist();
        return result;
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        purge(data.pools, now);
        purge(data.providers, now);
        // providers of a purged pool go with it
        data.providers.keySet().removeIf(name -> !data.pools.containsKey(name.substring(0, name.indexOf("/providers/"))));
    }

    private static void purge(Map<String, ObjectNode> resources, Instant now) {
        Iterator<ObjectNode> it = resources.values().iterator();
        while (it.hasNext()) {
            ObjectNode r = it.next();
            if ("DELETED".equals(r.path("state").asText()) && r.hasNonNull("expireTime")
                    && !Instant.parse(r.get("expireTime").asText()).isAfter(now)) {
                it.remove();
            }
        }
    }

    private Optional<StateData> load() {
        if (stateDir == null) {
            return Optional.empty();
        }
        Path file = stateDir.resolve(SNAPSHOT_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(file.toFile(), StateData.class));
        } catch (IOException e) {
            throw new dev.wifdesk.sandbox.SandboxStateException("cannot read the sandbox state " + file + " (delete it to start "
                    + "afresh): " + e.getMessage(), e);
        }
    }

    private void persist() {
        if (stateDir == null) {
            return;
        }
        try {
            Files.createDirectories(stateDir);
            Path target = stateDir.resolve(SNAPSHOT_FILE);
            Path temp = Files.createTempFile(stateDir, SNAPSHOT_FILE, ".tmp");
            mapper.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), data);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // the in-memory state stays authoritative; a failed snapshot must not fail the API call
            LOG.warn("sandbox: could not write the state snapshot in {}: {}", stateDir, e.getMessage());
        }
    }
}
