package dev.wifdesk.cloud;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.ConnectionFactory;
import com.google.api.client.http.javanet.NetHttpTransport;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;

/**
 * Sends the real {@code https://*.googleapis.com/...} URLs to a sandbox base URL as
 * {@code BASE/HOST/...}. The clients keep their production URLs (google-auth-library only
 * accepts https token URLs); only the connection underneath is pointed elsewhere.
 */
public final class SandboxRouting implements ConnectionFactory {
    private static final String GOOGLE_DOMAIN = ".googleapis.com";
    private final String base;

    public SandboxRouting(URI googleBase) {
        String b = googleBase.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    /** The URL the sandbox serves for a real Google URL; other hosts pass through unchanged. */
    public URL route(URL url) throws IOException {
        String host = url.getHost();
        if (!host.endsWith(GOOGLE_DOMAIN)) {
            return url;
        }
        String file = url.getFile().isEmpty() ? "/" : url.getFile();
        return URI.create(base + "/" + host + file).toURL();
    }

    @Override
    public HttpURLConnection openConnection(URL url) throws IOException {
        return (HttpURLConnection) route(url).openConnection(Proxy.NO_PROXY);
    }

    public static HttpTransport transport(URI googleBase) {
        return new NetHttpTransport.Builder().setConnectionFactory(new SandboxRouting(googleBase)).build();
    }
}
