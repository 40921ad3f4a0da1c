package io.heliograph.session.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.tl.api.UserStatusOffline;
import io.heliograph.tl.api.UserStatusOnline;
import io.heliograph.tl.api.UserStatusRecently;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LastSeenTest {

    static final Instant T = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void unknownIsRecently() {
        assertThat(LastSeen.status(null, T)).isEqualTo(new UserStatusRecently(false));
    }

    @Test
    void onlineForFiveMinutesThenOfflineAtTheExpiry() {
        LastSeen online = new LastSeen(true, T);
        int expires = (int) T.plusSeconds(300).getEpochSecond();
        assertThat(LastSeen.status(online, T.plusSeconds(10))).isEqualTo(new UserStatusOnline(expires));
        assertThat(LastSeen.status(online, T.plusSeconds(299))).isEqualTo(new UserStatusOnline(expires));
        assertThat(LastSeen.status(online, T.plusSeconds(300))).isEqualTo(new UserStatusOffline(expires));
    }

    @Test
    void offlineWasOnlineAtTheReport() {
        assertThat(LastSeen.status(new LastSeen(false, T), T.plusSeconds(5)))
                .isEqualTo(new UserStatusOffline((int) T.getEpochSecond()));
    }
}
