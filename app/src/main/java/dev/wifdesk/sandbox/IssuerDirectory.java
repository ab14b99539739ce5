package dev.wifdesk.sandbox;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the sandbox STS really finds an issuer's discovery document and JWKS. Issuers keep their
 * https names (the name is what tokens carry in {@code iss}); the sandbox serves them over plain
 * http on loopback, so every URL under a registered issuer is rewritten to its loopback base.
 * Thread-safe.
 */
public final class IssuerDirectory {
    private final Map<String, URI> bases = new ConcurrentHashMap<>();

    /**
     * @param httpsIssuer    the issuer name, e.g. {@code https://gitlab.sandbox.wifdesk.test}
     * @param actualHttpBase where it is served, e.g. {@code http://127.0.0.1:40123}
     */
    public void register(String httpsIssuer, URI actualHttpBase) {
        Objects.requireNonNull(httpsIssuer, "httpsIssuer");
        Objects.requireNonNull(actualHttpBase, "actualHttpBase");
        if (!httpsIssuer.startsWith("https://")) {
            throw new IllegalArgumentException("issuer must be an https URL: " + httpsIssuer);
        }
        bases.put(trimSlash(httpsIssuer), actualHttpBase);
    }

    public void unregister(String httpsIssuer) {
        bases.remove(trimSlash(httpsIssuer));
    }

    /** The loopback URL serving {@code url}, when {@code url} lies under a registered issuer (longest match wins). */
    public Optional<URI> rewrite(URI url) {
        if (url == null) {
            return Optional.empty();
        }
        String s = url.toString();
        String best = null;
        for (String issuer : bases.keySet()) {
            boolean under = s.equals(issuer) || s.startsWith(issuer + "/") || s.startsWith(issuer + "?");
            if (under && (best == null || issuer.length() > best.length())) {
                best = issuer;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String rest = s.substring(best.length());
        return Optional.of(URI.create(trimSlash(bases.get(best).toString()) + rest));
    }

    public boolean isRegistered(String issuer) {
        return issuer != null && bases.containsKey(trimSlash(issuer));
    }

    private static String trimSlash(String s) {
        String t = s;
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
