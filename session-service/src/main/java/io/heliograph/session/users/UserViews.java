package io.heliograph.session.users;

import io.heliograph.tl.api.TUserStatus;
import io.heliograph.tl.api.User;
import io.heliograph.tl.api.UserStatusOnline;
import io.heliograph.tl.api.UserStatusRecently;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code user} constructor a viewer sees: {@code self} and the phone only for the user themself (and for a
 * contact the viewer imported by phone), the access hash computed for that viewer ({@link AccessHashes}). The user
 * themself is online; others show the status given (see {@code io.heliograph.session.presence}), "recently" when
 * none is; bots have no status. A contact of the viewer carries {@code contact}/{@code mutual_contact} and the names
 * the viewer saved, as Telegram shows them.
 */
public final class UserViews {

    static final Duration ONLINE_FOR = Duration.ofMinutes(5);

    private UserViews() {
    }

    /** The viewer's contact entry for the user: the names the viewer saved and whether it is mutual. */
    public record ContactView(String firstName, String lastName, boolean mutual) {
    }

    public static User of(UserRecord u, long viewerUserId, Instant now) {
        return of(u, viewerUserId, now, null, null);
    }

    /** The user as the viewer sees it, with {@code othersStatus} (null: recently) and the viewer's contact entry. */
    public static User of(UserRecord u, long viewerUserId, Instant now, TUserStatus othersStatus, ContactView contact) {
        boolean self = u.id() == viewerUserId;
        TUserStatus status = u.bot() ? null
                : self ? new UserStatusOnline((int) now.plus(ONLINE_FOR).getEpochSecond())
                : othersStatus != null ? othersStatus : new UserStatusRecently(false);
        boolean saved = contact != null && !self
                && !(emptyToNull(contact.firstName()) == null && emptyToNull(contact.lastName()) == null);
        String first = saved ? (contact.firstName() == null ? "" : contact.firstName()) : u.firstName();
        String last = saved ? contact.lastName() : u.lastName();
        boolean isContact = contact != null && !self;
        return new User(self, isContact, isContact && contact.mutual(), false, u.bot(), false, false, false, false,
                false, false, false, false,
                false, false, false, false, false, false, false, false, false, false, false, false, false, false, false,
                false, false,
                u.id(), AccessHashes.of(u.accessHashSecret(), viewerUserId), first, emptyToNull(last),
                u.username(), self || isContact ? u.phone() : null, null, status, u.bot() ? 1 : null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
