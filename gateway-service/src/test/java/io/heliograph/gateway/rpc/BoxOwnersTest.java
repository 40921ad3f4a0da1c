package io.heliograph.gateway.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.events.ChannelId;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.tl.api.ChannelsCreateChannel;
import io.heliograph.tl.api.ChannelsDeleteMessages;
import io.heliograph.tl.api.ChannelsJoinChannel;
import io.heliograph.tl.api.InputChannel;
import io.heliograph.tl.api.InputChannelEmpty;
import io.heliograph.tl.api.InputPeerChannel;
import io.heliograph.tl.api.InputPeerUser;
import io.heliograph.tl.api.MessagesReadHistory;
import io.heliograph.tl.api.MessagesSendMessage;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoxOwnersTest {

    private static final long CALLER = 5L << 32;
    private static final long CHANNEL = 3L << 20;

    @Test
    void callsOnAChannelGoToTheChannelsBoxAndOthersToTheCallers() {
        SplittableRandom random = new SplittableRandom(1);
        assertThat(BoxOwners.of(MessagesSendMessage.builder().peer(new InputPeerChannel(CHANNEL, 9)).message("x")
                .randomId(1).build(), CALLER, random)).isEqualTo(CHANNEL);
        assertThat(BoxOwners.of(MessagesSendMessage.builder().peer(new InputPeerUser(7L << 32, 9)).message("x")
                .randomId(1).build(), CALLER, random)).isEqualTo(CALLER);
        assertThat(BoxOwners.of(new ChannelsJoinChannel(new InputChannel(CHANNEL, 9)), CALLER, random)).isEqualTo(CHANNEL);
        assertThat(BoxOwners.of(new ChannelsDeleteMessages(new InputChannel(CHANNEL, 9), List.of(1)), CALLER, random))
                .isEqualTo(CHANNEL);
        assertThat(BoxOwners.of(new MessagesReadHistory(new InputPeerUser(7L << 32, 9), 1), CALLER, random)).isEqualTo(CALLER);
    }

    @Test
    void aNewChannelGetsAFreshIdInTheChannelRange() {
        SplittableRandom random = new SplittableRandom(2);
        ChannelsCreateChannel create = ChannelsCreateChannel.builder().broadcast(true).title("t").about("").build();
        for (int i = 0; i < 1000; i++) {
            assertThat(ChannelId.isChannel(BoxOwners.of(create, CALLER, random))).isTrue();
        }
    }

    @Test
    void aChannelCallThatNamesNoChannelIsRefusedBeforeKafka() {
        SplittableRandom random = new SplittableRandom(3);
        assertThatThrownBy(() -> BoxOwners.of(new ChannelsJoinChannel(new InputChannelEmpty()), CALLER, random))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.type()).isEqualTo("CHANNEL_INVALID"));
        assertThatThrownBy(() -> BoxOwners.of(new ChannelsJoinChannel(new InputChannel(CALLER, 9)), CALLER, random))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.type()).isEqualTo("CHANNEL_INVALID"));
    }
}
