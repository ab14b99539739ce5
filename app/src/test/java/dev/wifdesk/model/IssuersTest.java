package dev.wifdesk.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IssuersTest {
    @Test
    void sharedIssuersAreRecognisedWhateverTheirSpelling() {
        assertThat(Issuers.isMultiTenant("https://gitlab.com/")).isTrue();
        assertThat(Issuers.isMultiTenant(" HTTPS://GitLab.com ")).isTrue();
        assertThat(Issuers.isMultiTenant("https://token.actions.githubusercontent.com")).isTrue();
        assertThat(Issuers.isMultiTenant("https://auth.gcp.gitlab.com/oidc/acme")).isTrue();
        assertThat(Issuers.isMultiTenant("https://gitlab.acme.example")).isFalse();
        assertThat(Issuers.isMultiTenant(null)).isFalse();
    }

    @Test
    void onlyThePublicOnesAreThoseGoogleItselfGuards() {
        assertThat(Issuers.isWellKnownMultiTenant("https://gitlab.com")).isTrue();
        assertThat(Issuers.isWellKnownMultiTenant("https://auth.gcp.gitlab.com/oidc/acme")).isFalse();
    }
}
