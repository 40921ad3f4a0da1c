package io.heliograph.session.users;

import io.heliograph.tl.api.InputUser;
import io.heliograph.tl.api.InputUserSelf;
import io.heliograph.tl.api.TInputUser;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Resolves the {@code InputUser} a caller names: {@code inputUserSelf} is the caller; {@code inputUser(id,
 * access_hash)} only with the hash that user shows this caller ({@link AccessHashes}). Anything else
 * ({@code inputUserEmpty}, {@code inputUserFromMessage}: messages are not looked into yet, an unknown id, a wrong
 * hash) resolves to empty.
 */
@Component
public class InputUsers {

    private final UserStore users;

    public InputUsers(UserStore users) {
        this.users = users;
    }

    public Mono<UserRecord> resolve(TInputUser input, long callerId) {
        if (input instanceof InputUserSelf) {
            return users.find(callerId);
        }
        if (input instanceof InputUser u) {
            return users.find(u.userId())
                    .filter(user -> AccessHashes.verify(user.accessHashSecret(), callerId, u.accessHash()));
        }
        return Mono.empty();
    }
}
