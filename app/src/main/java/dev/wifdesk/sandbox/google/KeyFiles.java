package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The key file {@code keys.create} returns (base64 in {@code privateKeyData}): the JSON of a
 * {@code service_account} credential with a freshly generated RSA-2048 key, in the fields
 * google-auth-library's {@code ServiceAccountCredentials.fromStream} reads. The sandbox keeps no copy
 * of the private key and never logs it.
 */
final class KeyFiles {
    private KeyFiles() {
    }

    static String serviceAccountKeyFile(ObjectNode serviceAccount, String keyId) {
        String email = serviceAccount.path("email").asText();
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("type", "service_account");
        f.put("project_id", serviceAccount.path("projectId").asText());
        f.put("private_key_id", keyId);
        f.put("private_key", newPrivateKeyPem());
        f.put("client_email", email);
        f.put("client_id", serviceAccount.path("oauth2ClientId").asText(serviceAccount.path("uniqueId").asText()));
        f.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        f.put("token_uri", "https://oauth2.googleapis.com/token");
        f.put("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs");
        f.put("client_x509_cert_url", "https://www.googleapis.com/robot/v1/metadata/x509/"
                + URLEncoder.encode(email, StandardCharsets.UTF_8));
        f.put("universe_domain", "googleapis.com");
        return f.toPrettyString();
    }

    private static String newPrivateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8);
            return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
