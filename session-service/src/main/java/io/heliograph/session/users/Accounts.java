package io.heliograph.session.users;

import io.heliograph.session.dcs.Dcs;
import io.heliograph.session.directory.Directory;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Creates users of this DC in an order that never publishes half a user: claim a fresh id, write the {@code users}
 * row, then claim the phone (a person) or username (a bot) in the global directory, which is what makes the user
 * reachable. A lost claim deletes the row and gives the id back, so a failure at any step leaves nothing anyone can
 * find.
 */
@Service
public class Accounts {

    private final Directory directory;
    private final UserStore users;
    private final Dcs dcs;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Accounts(Directory directory, UserStore users, Dcs dcs, Clock clock) {
        this.directory = directory;
        this.users = users;
        this.dcs = dcs;
        this.clock = clock;
    }

    /** A new person with this (normalized) phone; empty when the phone already has a user. */
    public Mono<UserRecord> createPerson(String phone, String firstName, String lastName) {
        int home = dcs.thisDc();
        return directory.allocateUserId(home).flatMap(id -> {
            UserRecord user = new UserRecord(id, home, phone, firstName, lastName, null, null, false, secret(), null,
                    clock.instant());
            return publish(user, directory.claimPhone(phone, id, home));
        });
    }

    /** A new bot with this username and token hash; empty when the username is taken. */
    public Mono<UserRecord> createBot(String username, String firstName, byte[] tokenSha256) {
        int home = dcs.thisDc();
        return directory.allocateUserId(home).flatMap(id -> {
            UserRecord user = new UserRecord(id, home, null, firstName, null, username, null, true, secret(),
                    tokenSha256, clock.instant());
            return publish(user, directory.claimUsername(Usernames.canonical(username), id, home));
        });
    }

    private Mono<UserRecord> publish(UserRecord user, Mono<Boolean> claim) {
        return users.insert(user)
                .then(claim)
                .flatMap(claimed -> claimed ? Mono.just(user)
                        : users.delete(user.id()).then(directory.releaseUserId(user.id())).then(Mono.empty()));
    }

    private byte[] secret() {
        byte[] secret = new byte[AccessHashes.SECRET_LENGTH];
        random.nextBytes(secret);
        return secret;
    }
}
