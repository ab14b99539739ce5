package dev.wifdesk.cloud;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;

/**
 * A bearer token that cannot be renewed (the sandbox operator's). When the server refuses it, the
 * client's refresh attempt fails as an IOException that says so, not as google-auth's
 * IllegalStateException about derived types.
 */
final class FixedTokenCredentials extends GoogleCredentials {
    private static final long serialVersionUID = 1L;

    FixedTokenCredentials(AccessToken token) {
        super(token, null);
    }

    @Override
    public AccessToken refreshAccessToken() throws IOException {
        throw new IOException("the sandbox did not accept the operator token (was it restarted?): connect to it again");
    }
}
