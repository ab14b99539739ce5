package dev.wifdesk.diagnose.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.ui.support.TestServices;
import dev.wifdesk.ui.support.TestTokens;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimsTableTest {
    @Test
    void listsEveryClaimStandardOnesFirstWithTheMappingKeysThatReadThem() {
        String token = new TestTokens().gitlabToken("https://gitlab.com", "https://gitlab.com", TestServices.NOW);
        Map<String, Object> claims = TokenClaims.decode(token).orElseThrow();
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("google.subject", "assertion.sub");
        mapping.put("attribute.project_path", "assertion.project_path");
        mapping.put("attribute.ref", "assertion.ref_type + ':' + assertion.ref");
        mapping.put("attribute.broken", "assertion.(");

        List<ClaimRow> rows = new ClaimsTable(new CelEngine()).rows(claims, mapping);

        assertThat(rows).extracting(ClaimRow::claim).startsWith("iss", "sub", "aud", "exp", "nbf", "iat")
                .hasSize(claims.size());
        assertThat(rows).filteredOn(r -> r.claim().equals("sub")).singleElement()
                .extracting(ClaimRow::mappedTo).isEqualTo("google.subject");
        assertThat(rows).filteredOn(r -> r.claim().equals("ref")).singleElement()
                .extracting(ClaimRow::mappedTo).isEqualTo("attribute.ref");
        assertThat(rows).filteredOn(r -> r.claim().equals("ref_type")).singleElement()
                .extracting(ClaimRow::mappedTo).isEqualTo("attribute.ref");
        assertThat(rows).filteredOn(r -> r.claim().equals("pipeline_source")).singleElement()
                .extracting(ClaimRow::mappedTo).isEqualTo("");
        assertThat(rows).filteredOn(r -> r.claim().equals("exp")).singleElement()
                .extracting(ClaimRow::value).asString().endsWith("(2026-11-25T18:04:00Z)");
    }

    @Test
    void aGarbageTokenDecodesToNothing() {
        assertThat(TokenClaims.decode("not a token")).isEmpty();
        assertThat(TokenClaims.decode("a.b.c")).isEmpty();
        assertThat(TokenClaims.decode("")).isEmpty();
        assertThat(TokenClaims.audiences(Map.of("aud", List.of("a", "b")))).containsExactly("a", "b");
    }
}
