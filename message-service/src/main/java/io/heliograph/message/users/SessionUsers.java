package io.heliograph.message.users;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.heliograph.message.MessageProperties;
import io.heliograph.platform.users.UserLookup;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.api.TUser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Users as a viewer sees them, from this DC's session-service ({@link UserLookup}): the check of an access hash a
 * client named, a user's home DC, and the {@code User} objects answers and updates carry. Users are cached briefly per
 * viewer: those named without a hash (they are in the viewer's messages), and hashes once found right (the check on
 * every send was the box writer's main wait, docs/benchmarks.md).
 */
@Component
public class SessionUsers {

    /** A user found for a viewer. */
    public record Seen(long id, int homeDc, boolean bot, byte[] user) {
        public TUser tl() {
            return (TUser) ApiRegistry.read(new TlReader(user));
        }
    }

    private record Key(long viewer, long id) {
    }

    private record CheckedKey(long viewer, long id, long accessHash) {
    }

    private final WebClient web;
    private final MessageProperties properties;
    private final Cache<Key, Seen> cache;
    /** Hashes found right, per viewer: a user's hash for a viewer never changes, so only the view may be stale. */
    private final Cache<CheckedKey, Seen> checked;

    public SessionUsers(WebClient.Builder web, MessageProperties properties) {
        this.web = web.clone().baseUrl(properties.sessionUrl().toString()).build();
        this.properties = properties;
        this.cache = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(properties.userCacheTtl()).build();
        this.checked = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(properties.userCacheTtl()).build();
    }

    /** The user a client named with this access hash, or empty when the id or hash is wrong. */
    public Mono<Seen> checked(long viewer, long id, long accessHash) {
        CheckedKey key = new CheckedKey(viewer, id, accessHash);
        Seen hit = checked.getIfPresent(key);
        if (hit != null) {
            return Mono.just(hit);
        }
        return call(viewer, List.of(UserLookup.Ref.checked(id, accessHash)))
                .flatMap(found -> Mono.justOrEmpty(found.get(id)))
                .doOnNext(seen -> checked.put(key, seen)); // a wrong hash is never cached: it is asked again
    }

    /** The users, as the viewer sees them, that the viewer may see already (those not found are left out). */
    public Mono<Map<Long, Seen>> trusted(long viewer, Collection<Long> ids) {
        Map<Long, Seen> out = new LinkedHashMap<>();
        List<UserLookup.Ref> missing = new ArrayList<>();
        for (long id : ids) {
            Seen hit = cache.getIfPresent(new Key(viewer, id));
            if (hit != null) {
                out.put(id, hit);
            } else if (missing.stream().noneMatch(r -> r.id() == id)) {
                missing.add(UserLookup.Ref.trusted(id));
            }
        }
        if (missing.isEmpty()) {
            return Mono.just(out);
        }
        return call(viewer, missing).map(found -> {
            found.forEach((id, seen) -> cache.put(new Key(viewer, id), seen));
            out.putAll(found);
            return out;
        });
    }

    public Mono<List<TUser>> tl(long viewer, Collection<Long> ids) {
        return trusted(viewer, ids).map(found -> found.values().stream().map(Seen::tl).toList());
    }

    private Mono<Map<Long, Seen>> call(long viewer, List<UserLookup.Ref> refs) {
        return web.post().uri(UserLookup.PATH)
                .bodyValue(new UserLookup.Request(viewer, refs))
                .retrieve()
                .bodyToMono(UserLookup.Response.class)
                .timeout(properties.lookupTimeout())
                .map(response -> {
                    Map<Long, Seen> found = new LinkedHashMap<>();
                    for (UserLookup.Found f : response.users()) {
                        found.put(f.id(), new Seen(f.id(), f.homeDc(), f.bot(), f.user()));
                    }
                    return found;
                });
    }
}
