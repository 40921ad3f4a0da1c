package io.heliograph.session.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameSearchTest {

    @Test
    void prefixOfAnyWordOrOfTheWholeName() {
        assertThat(NameSearch.matches(NameSearch.normalize("ad"), "Ada", "Lovelace")).isTrue();
        assertThat(NameSearch.matches(NameSearch.normalize("LOVE"), "Ada", "Lovelace")).isTrue();
        assertThat(NameSearch.matches(NameSearch.normalize(" ada   love "), "Ada", "Lovelace")).isTrue();
        assertThat(NameSearch.matches(NameSearch.normalize("lace"), "Ada", "Lovelace")).isFalse();
        assertThat(NameSearch.matches(NameSearch.normalize("grace"), "Ada", null)).isFalse();
        assertThat(NameSearch.matches(NameSearch.normalize("  "), "Ada", "")).isFalse();
    }
}
