package io.heliograph.mtproto.transport;

import io.heliograph.mtproto.transport.TransportException.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import java.util.Objects;

/**
 * Client-to-server intermediate framing, after the {@code 0xeeeeeeee} or {@code 0xdddddddd} init int: a 4-byte
 * little-endian length whose most significant bit requests a quick ACK, then that many bytes. Unpadded lengths must
 * be multiples of 4; padded frames are delivered with their padding (see {@link InboundFrame}).
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#intermediate">Intermediate</a>
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#padded-intermediate">Padded intermediate</a>
 */
public final class IntermediateDecoder extends FrameDecoder {

    private enum State {
        LENGTH,
        PAYLOAD
    }

    private final int maxFrameLength;
    private final boolean padded;
    private State state = State.LENGTH;
    private boolean quickAck;
    private int payloadLength;

    public IntermediateDecoder(TransportLimits limits, boolean padded) {
        this.maxFrameLength = Objects.requireNonNull(limits, "limits").maxFrameLength();
        this.padded = padded;
    }

    public boolean padded() {
        return padded;
    }

    @Override
    protected void decodeFrame(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case LENGTH -> {
                if (in.readableBytes() < 4) {
                    return;
                }
                int field = in.readIntLE();
                quickAck = field < 0;
                int length = field & 0x7fffffff;
                if (length == 0) {
                    throw fail(in, Reason.EMPTY_FRAME, "intermediate length 0");
                }
                if (length > maxFrameLength) {
                    throw fail(in, Reason.FRAME_TOO_LARGE, "intermediate length " + length + " > " + maxFrameLength);
                }
                if (!padded && (length & 3) != 0) {
                    throw fail(in, Reason.UNALIGNED_LENGTH, "intermediate length " + length);
                }
                payloadLength = length;
                state = State.PAYLOAD;
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

}
