package io.heliograph.session.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.tl.api.User;
import io.heliograph.tl.api.UserStatusOffline;
import io.heliograph.tl.api.UserStatusOnline;
import io.heliograph.tl.api.UserStatusRecently;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserViewsTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final UserRecord ADA = new UserRecord(1L << 33, 2, "447700000001", "Ada", "Lovelace", "ada_l", null,
            false, new byte[32], null, NOW);

    @Test
    void othersShowTheGivenStatusAndNoPhone() {
        User u = UserViews.of(ADA, 42, NOW, new UserStatusOffline(5), null);
        assertThat(u.status()).isEqualTo(new UserStatusOffline(5));
        assertThat(u.phone()).isNull();
        assertThat(u.contact()).isFalse();
        assertThat(UserViews.of(ADA, 42, NOW).status()).isEqualTo(new UserStatusRecently(false));
    }

    @Test
    void selfIsOnline() {
        User u = UserViews.of(ADA, ADA.id(), NOW, new UserStatusOffline(5), null);
        assertThat(u.status()).isEqualTo(new UserStatusOnline((int) NOW.plusSeconds(300).getEpochSecond()));
        assertThat(u.self()).isTrue();
    }

    @Test
    void aContactShowsTheSavedNamesThePhoneAndMutual() {
        User u = UserViews.of(ADA, 42, NOW, null, new UserViews.ContactView("Countess", "", true));
        assertThat(u.contact()).isTrue();
        assertThat(u.mutualContact()).isTrue();
        assertThat(u.firstName()).isEqualTo("Countess");
        assertThat(u.lastName()).isNull();
        assertThat(u.phone()).isEqualTo("447700000001");
        User unnamed = UserViews.of(ADA, 42, NOW, null, new UserViews.ContactView("", "", false));
        assertThat(unnamed.firstName()).isEqualTo("Ada");
        assertThat(unnamed.mutualContact()).isFalse();
    }
}
