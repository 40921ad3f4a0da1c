package io.heliograph.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChannelContractsTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void channelIdsLieBetweenTwoToTheTwentyAndTwoToTheThirtyOneApartFromUserIds() {
        assertThat(ChannelId.isChannel(ChannelId.MIN)).isTrue();
        assertThat(ChannelId.isChannel(ChannelId.MAX - 1)).isTrue();
        assertThat(ChannelId.isChannel(ChannelId.MIN - 1)).isFalse();
        assertThat(ChannelId.isChannel(ChannelId.MAX)).isFalse();
        assertThat(ChannelId.isChannel(1L << 32)).isFalse(); // the smallest user id
    }

    @Test
    void aChannelPostDeliveryCarriesItsChannelAndOlderDeliveriesReadWithoutOne() {
        SessionDelivery post = (SessionDelivery) codec.decode(codec.encode(SessionDelivery.channelPost(1L << 21, new byte[] {7}),
                Instant.parse("2026-11-25T00:00:00Z"))).event();
        assertThat(post.channelId()).isEqualTo(1L << 21);
        assertThat(post.userId()).isZero();
        assertThat(post.authKeyId()).isZero();
        assertThat(post.body()).containsExactly(7);
        String older = """
                {"type":"session-delivery","v":1,"at":"2026-11-24T10:15:30Z","payload":
                 {"userId":5,"authKeyId":6,"sessionId":7,"rpcRequestMsgId":0,"body":"AQ==","errorCode":0}}""";
        SessionDelivery d = (SessionDelivery) codec.decode(older.getBytes(StandardCharsets.UTF_8)).event();
        assertThat(d.channelId()).isNull();
        assertThat(d.userId()).isEqualTo(5);
    }

    @Test
    void channelCommandsAreBoxCommands() {
        assertThat(BoxCommand.METHODS).containsAll(BoxCommand.CHANNEL_METHODS);
    }
}
