package io.heliograph.fanout.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.events.SessionPresence;
import org.junit.jupiter.api.Test;

class OnlineSessionsTest {

    private final OnlineSessions sessions = new OnlineSessions();

    @Test
    void theLastRecordPerSessionWins() {
        sessions.apply(0, key("7:1:10"), new SessionPresence(7, 1, 10, "g1", true));
        sessions.apply(0, key("7:1:10"), new SessionPresence(7, 1, 10, "g2", true)); // reconnected elsewhere
        sessions.apply(0, key("7:2:20"), new SessionPresence(7, 2, 20, "g1", true));
        sessions.apply(0, key("7:3:30"), new SessionPresence(7, 3, 30, "g1", true));
        sessions.apply(0, key("7:2:20"), new SessionPresence(7, 2, 20, "g1", false));
        sessions.apply(0, key("7:3:30"), null); // tombstone

        assertThat(sessions.of(0, 7)).containsExactly(new OnlineSession(1, 10, "g2"));
        assertThat(sessions.count()).isEqualTo(1);
        assertThat(sessions.of(1, 7)).isEmpty();
    }

    @Test
    void droppingAPartitionForgetsItsSessions() {
        sessions.apply(0, key("7:1:10"), new SessionPresence(7, 1, 10, "g1", true));
        sessions.apply(1, key("8:1:10"), new SessionPresence(8, 1, 10, "g1", true));
        sessions.drop(0);
        assertThat(sessions.of(7)).isEmpty();
        assertThat(sessions.of(8)).hasSize(1);
        assertThat(sessions.count()).isEqualTo(1);
    }

    @Test
    void parsesOnlyWellFormedKeys() {
        assertThat(OnlineSessions.Key.parse("-5:6:7")).isEqualTo(new OnlineSessions.Key(-5, 6, 7));
        assertThat(OnlineSessions.Key.parse("5:6")).isNull();
        assertThat(OnlineSessions.Key.parse("5:x:7")).isNull();
        assertThat(OnlineSessions.Key.parse(null)).isNull();
    }

    private static OnlineSessions.Key key(String key) {
        return OnlineSessions.Key.parse(key);
    }
}
