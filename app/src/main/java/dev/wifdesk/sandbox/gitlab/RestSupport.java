package dev.wifdesk.sandbox.gitlab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What every REST resource of the sandbox GitLab shares: method and scope checks, ids, pagination, scopes. */
final class RestSupport {
    private RestSupport() {
    }

    static void requireRead(AccessToken t) throws ApiError {
        if (!t.canRead()) {
            throw ApiError.insufficientScope();
        }
    }

    static void requireWrite(AccessToken t) throws ApiError {
        if (!t.canWrite()) {
            throw ApiError.insufficientScope();
        }
    }

    static void expect(ApiRequest r, String method) throws ApiError {
        if (!r.method.equals(method)) {
            throw ApiError.methodNotAllowed();
        }
    }

    static long number(String segment, String what) throws ApiError {
        try {
            return Long.parseLong(segment);
        } catch (NumberFormatException e) {
            throw ApiError.notFound(what);
        }
    }

    /** {@code scope[]=failed&scope[]=success} (gitlab4j) or {@code scope=failed}. */
    static List<String> scopes(ApiRequest r) {
        List<String> out = new ArrayList<>();
        String query = r.exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String k = ApiRequest.decode(pair.substring(0, eq));
                    if (k.equals("scope") || k.equals("scope[]")) {
                        out.add(ApiRequest.decode(pair.substring(eq + 1)));
                    }
                }
            }
        }
        return out;
    }

    /** One page of {@code items} with GitLab's pagination headers (what gitlab4j's Pager reads). */
    static <T> Reply page(ApiRequest r, List<T> items, Function<T, Object> render) throws ApiError {
        int perPage = r.intParam("per_page", 20, 100);
        int page = r.intParam("page", 1, Integer.MAX_VALUE);
        int total = items.size();
        int totalPages = Math.max(1, (total + perPage - 1) / perPage);
        int from = (int) Math.min((long) (page - 1) * perPage, total);
        int to = Math.min(from + perPage, total);
        List<Object> out = new ArrayList<>();
        for (T item : items.subList(from, to)) {
            out.add(render.apply(item));
        }
        return Reply.ok(out)
                .withHeader("X-Page", Integer.toString(page))
                .withHeader("X-Per-Page", Integer.toString(perPage))
                .withHeader("X-Total", Integer.toString(total))
                .withHeader("X-Total-Pages", Integer.toString(totalPages))
                .withHeader("X-Next-Page", page < totalPages ? Integer.toString(page + 1) : "")
                .withHeader("X-Prev-Page", page > 1 ? Integer.toString(page - 1) : "");
    }
}
