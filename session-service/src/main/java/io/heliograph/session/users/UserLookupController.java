package io.heliograph.session.users;

import io.heliograph.platform.users.UserLookup;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link UserLookup}: users as a viewer sees them, for services that must check or show users without their secrets.
 * A named access hash is verified as {@link InputUsers} does; users not found or refused are left out.
 */
@RestController
class UserLookupController {

    private final UserStore users;
    private final UserViewer viewer;

    UserLookupController(UserStore users, UserViewer viewer) {
        this.users = users;
        this.viewer = viewer;
    }

    @PostMapping(UserLookup.PATH)
    Mono<UserLookup.Response> lookup(@RequestBody UserLookup.Request request) {
        if (request.viewer() <= 0) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "viewer must be a user id"));
        }
        if (request.users().size() > UserLookup.MAX_USERS) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "at most " + UserLookup.MAX_USERS + " users per lookup, got " + request.users().size()));
        }
        return Flux.fromIterable(request.users())
                .concatMap(ref -> users.find(ref.id())
                        .filter(u -> ref.accessHash() == null
                                || AccessHashes.verify(u.accessHashSecret(), request.viewer(), ref.accessHash()))
                        .flatMap(u -> viewer.view(u, request.viewer())
                                .map(view -> new UserLookup.Found(u.id(), u.homeDc(), u.bot(), view.toBytes()))))
                .collectList()
                .map(UserLookup.Response::new);
    }
}
