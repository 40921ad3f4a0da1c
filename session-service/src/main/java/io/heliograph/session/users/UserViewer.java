package io.heliograph.session.users;

import io.heliograph.session.presence.Presence;
import io.heliograph.tl.api.User;
import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@link UserViews} with the user's presence read from its home DC ({@link Presence}); the viewer's own user needs no
 * read (self is online). Contact flags are added by {@code io.heliograph.session.contacts}, not here.
 */
@Component
public class UserViewer {

    private final Presence presence;
    private final Clock clock;

    public UserViewer(Presence presence, Clock clock) {
        this.presence = presence;
        this.clock = clock;
    }

    public Mono<User> view(UserRecord u, long viewerUserId) {
        if (u.id() == viewerUserId || u.bot()) {
            return Mono.fromSupplier(() -> UserViews.of(u, viewerUserId, clock.instant()));
        }
        return presence.statusOf(u.id(), u.homeDc())
                .map(status -> UserViews.of(u, viewerUserId, clock.instant(), status, null));
    }
}
