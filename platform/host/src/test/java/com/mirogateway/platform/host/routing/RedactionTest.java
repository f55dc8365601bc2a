package com.mirogateway.platform.host.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void authenticationHeadersAndSecretLookingNamesAreMasked() {
        assertThat(Redaction.header("Authorization", "Bearer x")).isEqualTo("***");
        assertThat(Redaction.header("cookie", "a=b")).isEqualTo("***");
        assertThat(Redaction.header("X-Api-Key", "k")).isEqualTo("***");
        assertThat(Redaction.header("X-Refresh-Token", "k")).isEqualTo("***");
        assertThat(Redaction.header("Accept", "application/json")).isEqualTo("application/json");
    }

    @Test
    void queryValuesOfSecretParametersAreMasked() {
        assertThat(Redaction.query("code=1&state=2&access_token=3&flag&page=4"))
                .isEqualTo("code=***&state=2&access_token=***&flag&page=4");
        assertThat(Redaction.query("")).isEmpty();
        assertThat(Redaction.query(null)).isEmpty();
    }
}
