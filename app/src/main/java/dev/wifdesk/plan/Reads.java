package dev.wifdesk.plan;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import java.io.IOException;

/** Reads of the observed state: a 404 means "absent", anything else is an error. */
public final class Reads {
    private Reads() {
    }

    public interface Read<T> {
        T get() throws IOException;
    }

    /** The resource when the GET answers (soft-deleted ones too), null on 404. */
    public static <T> T find(Read<T> read) throws IOException {
        try {
            return read.get();
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }
}
