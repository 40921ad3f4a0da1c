package io.heliograph.session.presence;

import io.heliograph.tl.api.TUserStatus;
import io.heliograph.tl.api.UserStatusOffline;
import io.heliograph.tl.api.UserStatusOnline;
import io.heliograph.tl.api.UserStatusRecently;
import java.time.Duration;
import java.time.Instant;

/**
 * A user's stored presence: whether the last {@code account.updateStatus} said online, and when. {@link #status}
 * turns it into what others see: {@code userStatusOnline(expires = changed_at + 300 s)} while that is in the future,
 * {@code userStatusOffline(was_online)} after (was_online = the offline time, or the expiry of an online status that
 * was never followed by offline), and {@code userStatusRecently} for a user that never reported a status.
 */
public record LastSeen(boolean online, Instant changedAt) {

    /** How long one "online" report lasts, as Telegram clients repeat account.updateStatus(false) meanwhile. */
    public static final Duration ONLINE_FOR = Duration.ofMinutes(5);

    public static TUserStatus status(LastSeen seen, Instant now) {
        if (seen == null || seen.changedAt() == null) {
            return new UserStatusRecently(false);
        }
        if (seen.online()) {
            Instant expires = seen.changedAt().plus(ONLINE_FOR);
            return expires.isAfter(now) ? new UserStatusOnline((int) expires.getEpochSecond())
                    : new UserStatusOffline((int) expires.getEpochSecond());
        }
        return new UserStatusOffline((int) seen.changedAt().getEpochSecond());
    }
}
