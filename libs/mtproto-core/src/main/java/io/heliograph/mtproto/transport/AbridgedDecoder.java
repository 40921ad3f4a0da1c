package io.heliograph.mtproto.transport;

import io.heliograph.mtproto.transport.TransportException.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import java.util.Objects;

/**
 * Client-to-server abridged framing, after the {@code 0xef} init byte: one length byte holding the payload length in
 * 32-bit words, or {@code 0x7f} followed by the word count in three little-endian bytes; the most significant bit of
 * the first byte requests a quick ACK ({@code 0x80 | words} or {@code 0xff}).
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#abridged">Abridged</a>
 */
public final class AbridgedDecoder extends FrameDecoder {

    private enum State {
        LENGTH,
        EXTENDED_LENGTH,
        PAYLOAD
    }

    private final int maxFrameLength;
    private State state = State.LENGTH;
    private boolean quickAck;
    private int payloadLength;

    public AbridgedDecoder(TransportLimits limits) {
        this.maxFrameLength = Objects.requireNonNull(limits, "limits").maxFrameLength();
    }

    @Override
    protected void decodeFrame(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case LENGTH -> {
                if (!in.isReadable()) {
                    return;
                }
                int first = in.readUnsignedByte();
                quickAck = (first & 0x80) != 0;
                int words = first & 0x7f;
                if (words == 0x7f) {
                    state = State.EXTENDED_LENGTH;
                } else {
                    expectPayload(in, words);
                }
            }
            case EXTENDED_LENGTH -> {
                if (in.readableBytes() < 3) {
                    return;
                }
                expectPayload(in, in.readUnsignedMediumLE());
            }
            case PAYLOAD -> {
                if (in.readableBytes() < payloadLength) {
                    return;
                }
                out.add(new InboundFrame(in.readRetainedSlice(payloadLength), quickAck));
                state = State.LENGTH;
            }
        }
    }

    private void expectPayload(ByteBuf in, int words) {
        if (words == 0) {
            throw fail(in, Reason.EMPTY_FRAME, "abridged length 0");
        }
        long length = words * 4L;
        if (length > maxFrameLength) {
            throw fail(in, Reason.FRAME_TOO_LARGE, "abridged length " + length + " > " + maxFrameLength);
        }
        payloadLength = (int) length;
        state = State.PAYLOAD;
    }

}
