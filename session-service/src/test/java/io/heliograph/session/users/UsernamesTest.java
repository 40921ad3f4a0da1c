package io.heliograph.session.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Alice_Smith", "a1234", "abcdefghijklmnopqrstuvwxyz012345", "a_b_c"})
    void valid(String username) {
        assertThat(Usernames.valid(username)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abcd", "1alice", "_alice", "alice_", "ali__ce", "alice!", "alice bob",
            "abcdefghijklmnopqrstuvwxyz0123456", "аlice", "alice\u200b"})
    void invalid(String username) {
        assertThat(Usernames.valid(username)).isFalse();
    }

    @Test
    void uniqueIgnoringCaseAndBotsEndInBot() {
        assertThat(Usernames.canonical("AliCe")).isEqualTo("alice");
        assertThat(Usernames.validForBot("weather_bot")).isTrue();
        assertThat(Usernames.validForBot("WeatherBot")).isTrue();
        assertThat(Usernames.validForBot("weather")).isFalse();
        assertThat(Usernames.valid(null)).isFalse();
    }
}
