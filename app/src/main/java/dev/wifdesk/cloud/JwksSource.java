package dev.wifdesk.cloud;

import java.io.IOException;

/** The issuer's public JWKS (blocking: background tasks only). */
public interface JwksSource {
    /** The JWKS JSON the issuer publishes through its OIDC discovery document. */
    String fetch(String issuerUri) throws IOException;
}
