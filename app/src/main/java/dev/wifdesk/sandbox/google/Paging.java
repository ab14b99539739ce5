package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** pageSize / pageToken paging of list calls; tokens are opaque (base64 of an offset). */
final class Paging {
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 100;

    private Paging() {
    }

    /** Fills {@code out[listKey]} with one page of {@code items} and sets nextPageToken when more remain. */
    static ObjectNode page(List<ObjectNode> items, ApiRequest request, String listKey) {
        int size = DEFAULT_PAGE_SIZE;
        String sizeText = request.query("pageSize").orElse(null);
        if (sizeText != null) {
            try {
                size = Integer.parseInt(sizeText);
            } catch (NumberFormatException e) {
                throw GoogleErrors.invalidArgument("Invalid value for \"pageSize\": \"" + sizeText + "\" is not an integer.");
            }
            if (size < 0) {
                throw GoogleErrors.invalidArgument("Invalid value for \"pageSize\": it must not be negative.");
            }
            if (size == 0) {
                size = DEFAULT_PAGE_SIZE;
            }
            size = Math.min(size, MAX_PAGE_SIZE);
        }
        int offset = request.query("pageToken").map(Paging::decode).orElse(0);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (offset < items.size()) {
            ArrayNode array = out.putArray(listKey);
            int end = Math.min(items.size(), offset + size);
            for (int i = offset; i < end; i++) {
                array.add(items.get(i).deepCopy());
            }
            if (end < items.size()) {
                out.put("nextPageToken", encode(end));
            }
        }
        return out;
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!s.startsWith("o:")) {
                throw new IllegalArgumentException();
            }
            int offset = Integer.parseInt(s.substring(2));
            if (offset < 0) {
                throw new IllegalArgumentException();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw GoogleErrors.invalidArgument("Invalid value for \"pageToken\": the page token is not valid.");
        }
    }
}
