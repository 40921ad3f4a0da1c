package io.heliograph.gateway.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.tl.api.Channel;
import io.heliograph.tl.api.ChatPhotoEmpty;
import io.heliograph.tl.api.MessagesChatInviteJoinResultOk;
import io.heliograph.tl.api.UpdateChannel;
import io.heliograph.tl.api.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelMembershipsTest {

    private static final long ALICE = 5L << 32;
    private static final long BOB = 6L << 32;
    private static final long NEWS = 3L << 20;

    private final ChannelMemberships memberships = new ChannelMemberships(null, Duration.ofSeconds(1), null, "t", "g0",
            Clock.systemUTC());

    @Test
    void onlineMembersFollowJoinsLeavesAndSessionsGoingOffline() {
        memberships.online(ALICE, "a1");
        memberships.online(ALICE, "a2");
        memberships.online(BOB, "b1");
        memberships.observe(ALICE, updates(channel(false)));
        memberships.observe(BOB, new MessagesChatInviteJoinResultOk(updates(channel(false))));
        assertThat(memberships.onlineMembers(NEWS)).containsExactlyInAnyOrder(ALICE, BOB);

        memberships.offline(ALICE, "a1");
        assertThat(memberships.onlineMembers(NEWS)).containsExactlyInAnyOrder(ALICE, BOB); // a2 still online
        memberships.offline(ALICE, "a2");
        assertThat(memberships.onlineMembers(NEWS)).containsExactly(BOB);

        memberships.observe(BOB, updates(channel(true)));
        assertThat(memberships.onlineMembers(NEWS)).isEmpty();
    }

    @Test
    void usersNotOnlineHereAreNotTracked() {
        memberships.observe(ALICE, updates(channel(false)));
        assertThat(memberships.onlineMembers(NEWS)).isEmpty();
    }

    private static Updates updates(Channel c) {
        return new Updates(List.of(new UpdateChannel(NEWS)), List.of(), List.of(c), 0, 0);
    }

    private static Channel channel(boolean left) {
        return Channel.builder().id(NEWS).accessHash(9L).title("News").photo(new ChatPhotoEmpty()).date(0).left(left).build();
    }
}
