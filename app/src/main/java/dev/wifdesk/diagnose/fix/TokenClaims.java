package dev.wifdesk.diagnose.fix;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Decodes a compact JWT's claims locally (no signature check, no network); empty if it is not one. */
public final class TokenClaims {
    private TokenClaims() {
    }

    public static Optional<Map<String, Object>> decode(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JWTParser.parse(token.trim()).getJWTClaimsSet().getClaims());
        } catch (ParseException | RuntimeException notAJwt) {
            return Optional.empty();
        }
    }

    /** The token's audiences ({@code aud} is a string or a list). */
    public static List<String> audiences(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        if (aud instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return aud == null ? List.of() : List.of(String.valueOf(aud));
    }
}
