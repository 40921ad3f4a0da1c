package io.heliograph.session.users;

import io.heliograph.tl.api.TUserStatus;
import io.heliograph.tl.api.User;
import io.heliograph.tl.api.UserStatusOnline;
import io.heliograph.tl.api.UserStatusRecently;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code user} constructor a viewer sees: {@code self} and the phone only for the user themself, the access hash
 * computed for that viewer ({@link AccessHashes}). Presence is not tracked yet: the user themself is online, others
 * were seen "recently", bots have no status.
 */
public final class UserViews {

    static final Duration ONLINE_FOR = Duration.ofMinutes(5);

    private UserViews() {
    }

    public static User of(UserRecord u, long viewerUserId, Instant now) {
        boolean self = u.id() == viewerUserId;
        TUserStatus status = u.bot() ? null
                : self ? new UserStatusOnline((int) now.plus(ONLINE_FOR).getEpochSecond()) : new UserStatusRecently(false);
        return new User(self, false, false, false, u.bot(), false, false, false, false, false, false, false, false,
                false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,
                false, false,
                u.id(), AccessHashes.of(u.accessHashSecret(), viewerUserId), u.firstName(), emptyToNull(u.lastName()),
                u.username(), self ? u.phone() : null, null, status, u.bot() ? 1 : null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
