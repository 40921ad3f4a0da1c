package io.heliograph.fanout.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.events.ChannelInterest;
import org.junit.jupiter.api.Test;

class ChannelInterestsTest {

    @Test
    void aPostGoesToEachInterestedGatewayOnceUntilItLosesInterest() {
        ChannelInterests interests = new ChannelInterests();
        interests.apply(new ChannelInterest(7, "g0", true));
        interests.apply(new ChannelInterest(7, "g1", true));
        interests.apply(new ChannelInterest(7, "g0", true)); // compaction may replay: still once
        assertThat(interests.of(7)).containsExactlyInAnyOrder("g0", "g1");
        interests.apply(new ChannelInterest(7, "g0", false));
        assertThat(interests.of(7)).containsExactly("g1");
        interests.apply(new ChannelInterest(7, "g1", false));
        assertThat(interests.of(7)).isEmpty();
        assertThat(interests.channels()).isZero();
    }
}
