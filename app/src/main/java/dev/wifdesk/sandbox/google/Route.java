package dev.wifdesk.sandbox.google;

import java.util.regex.Pattern;

/**
 * One REST method: host, HTTP method, path pattern below the host (capturing groups are the path
 * parameters), an operation name (used by fault injection, e.g. {@code setIamPolicy}) and its handler.
 */
record Route(String host, String method, Pattern path, String operation, Handler handler) {

    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    static Route of(String host, String method, String pathRegex, String operation, Handler handler) {
        return new Route(host, method, Pattern.compile(pathRegex), operation, handler);
    }
}
