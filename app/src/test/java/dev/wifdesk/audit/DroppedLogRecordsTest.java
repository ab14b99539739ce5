package dev.wifdesk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** One known message of a logger is dropped; its other records, and what an earlier filter kept out, stay as they were. */
class DroppedLogRecordsTest {
    @Test
    void onlyTheKnownMessageIsDroppedAndAnEarlierFilterStillHolds() {
        String name = "dev.wifdesk.test.dropped-" + System.nanoTime();
        Logger logger = Logger.getLogger(name);
        logger.setUseParentHandlers(false);
        PublishedMessages published = new PublishedMessages();
        logger.addHandler(published);
        logger.setFilter(r -> !r.getMessage().contains("secret"));

        DroppedLogRecords.startingWith(name, "Known harmless");
        logger.warning("Known harmless warning, at every start");
        logger.warning("Another warning");
        logger.warning("a secret one the earlier filter drops");
        logger.severe("Reworded, Known harmless is not its start: it shows");

        assertThat(published.messages).containsExactly("Another warning", "Reworded, Known harmless is not its start: it shows");
    }
}
