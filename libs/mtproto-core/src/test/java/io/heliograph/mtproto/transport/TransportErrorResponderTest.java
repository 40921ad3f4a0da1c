package io.heliograph.mtproto.transport;

import static io.heliograph.mtproto.transport.TransportTests.abridged;
import static io.heliograph.mtproto.transport.TransportTests.buf;
import static io.heliograph.mtproto.transport.TransportTests.bytes;
import static io.heliograph.mtproto.transport.TransportTests.concat;
import static io.heliograph.mtproto.transport.TransportTests.detecting;
import static io.heliograph.mtproto.transport.TransportTests.full;
import static io.heliograph.mtproto.transport.TransportTests.le32;
import static io.heliograph.mtproto.transport.TransportTests.payload;
import static io.heliograph.mtproto.transport.TransportTests.readFrames;
import static io.heliograph.mtproto.transport.TransportTests.readOutbound;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class TransportErrorResponderTest {

    @Test
    void answersMalformedIntermediateWith404AndCloses() {
        EmbeddedChannel channel = detecting();
        ByteBuf in = buf(concat(le32(0xeeeeeeee), le32(6), bytes(1, 2, 3, 4, 5, 6)));
        channel.writeInbound(in);
        assertThat(readFrames(channel)).isEmpty();
        assertThat(readOutbound(channel)).isEqualTo(concat(le32(4), le32(-404)));
        assertThat(channel.isOpen()).isFalse();
        assertThat(in.refCnt()).isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void answersBadFullCrcWithAFullFrame() {
        EmbeddedChannel channel = detecting();
        byte[] good = full(0, payload(8, 1));
        byte[] bad = full(1, payload(8, 2));
        bad[bad.length - 2] ^= 1;
        channel.writeInbound(buf(concat(good, bad)));
        assertThat(readFrames(channel)).hasSize(1);
        assertThat(readOutbound(channel)).isEqualTo(full(0, le32(-404)));
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void answersInsideObfuscation() {
        ObfuscatedClient client = new ObfuscatedClient(0xefefefef, 1, new Random(3));
        EmbeddedChannel channel = detecting();
        channel.writeInbound(buf(client.wire(concat(abridged(payload(8, 1), false), bytes(0)))));
        assertThat(readFrames(channel)).hasSize(1);
        assertThat(client.decrypt(readOutbound(channel))).isEqualTo(concat(bytes(1), le32(-404)));
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void closesSilentlyOnUnknownObfuscationTag() {
        ObfuscatedClient client = new ObfuscatedClient(0x01020304, 1, new Random(4));
        EmbeddedChannel channel = detecting();
        ByteBuf in = buf(client.wire(payload(40, 1)));
        channel.writeInbound(in);
        assertThat((Object) channel.readInbound()).isNull();
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.isOpen()).isFalse();
        assertThat(in.refCnt()).isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void passesOtherExceptionsOn() {
        EmbeddedChannel channel = detecting();
        channel.pipeline().fireExceptionCaught(new IllegalStateException("not ours"));
        assertThat(channel.isOpen()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(channel::checkException)
                .isInstanceOf(IllegalStateException.class);
        assertThat(channel.finish()).isFalse();
    }
}
