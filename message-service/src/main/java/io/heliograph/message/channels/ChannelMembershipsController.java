package io.heliograph.message.channels;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /internal/channels/memberships/{userId}}: the channels a user is a member of, for the gateway that holds
 * the user's first online session (it then declares interest in their posts). JSON {@code {"channels": [ids]}}.
 */
@RestController
class ChannelMembershipsController {

    /** The answer. */
    public record Memberships(List<Long> channels) {
    }

    private final ChannelStore store;

    ChannelMembershipsController(ChannelStore store) {
        this.store = store;
    }

    @GetMapping("/internal/channels/memberships/{userId}")
    Mono<Memberships> memberships(@PathVariable long userId) {
        return store.memberships(userId).map(ChannelStore.Membership::channelId).collectList().map(Memberships::new);
    }
}
