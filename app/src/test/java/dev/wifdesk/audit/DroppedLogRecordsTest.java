package dev.wifdesk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** One known message of a logger is dropped; its other records, and what an earlier filter kept out, stay as they were. */
class DroppedLogRecordsTest {
    @Test
    void onlyTheKnownMessageIsDroppedAndAnEarlierFilterStillHolds() {
        Logger logger = Logger.getLogger("dev.wifdesk.test.dropped-" + System.nanoTime());
        logger.setUseParentHandlers(false);
        PublishedMessages published = new PublishedMessages();
        logger.addHandler(published);
        logger.setFilter(r -> !r.getMessage().contains("secret"));

        Logger held = DroppedLogRecords.startingWith(logger, "Known harmless");
        held.warning("Known harmless warning, at every start");
        held.warning("Another warning");
        held.warning("a secret one the earlier filter drops");
        held.severe("Reworded, Known harmless is not its start: it shows");

        assertThat(held).isSameAs(logger);
        assertThat(published.messages).containsExactly("Another warning", "Reworded, Known harmless is not its start: it shows");
    }
}
