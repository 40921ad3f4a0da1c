package io.heliograph.platform.users;

import java.util.List;
import java.util.Objects;

/**
 * {@code POST /internal/users/lookup} on session-service, JSON in and out: other services (message-service) check the
 * users a caller names and get them as the caller sees them, without holding users' secrets themselves.
 */
public final class UserLookup {

    /** The path session-service serves. */
    public static final String PATH = "/internal/users/lookup";

    /** The most users one lookup may name. */
    public static final int MAX_USERS = 1000;

    private UserLookup() {
    }

    /**
     * @param viewer the user who will see the answer (their access hashes, their {@code self} flag)
     * @param users the users wanted
     */
    public record Request(long viewer, List<Ref> users) {
        public Request {
            users = List.copyOf(Objects.requireNonNull(users, "users"));
        }
    }

    /**
     * A user wanted. With {@code accessHash} the user is returned only if it is the hash that user shows the viewer
     * (a client named it); without, the caller vouches that the viewer may see the user (it is in their messages).
     */
    public record Ref(long id, Long accessHash) {
        public static Ref checked(long id, long accessHash) {
            return new Ref(id, accessHash);
        }

        public static Ref trusted(long id) {
            return new Ref(id, null);
        }
    }

    /** The users found and allowed, in request order; the others are left out. */
    public record Response(List<Found> users) {
        public Response {
            users = List.copyOf(Objects.requireNonNull(users, "users"));
        }
    }

    /**
     * @param user TL bytes of the {@code User} as the viewer sees it (newest layer)
     */
    public record Found(long id, int homeDc, boolean bot, byte[] user) {
    }
}
