package io.heliograph.mtproto.transport;

import io.heliograph.mtproto.transport.TransportException.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Client-to-server full framing: little-endian total length (payload + 12, a multiple of 4), sequence number counting
 * the client's packets from 0, payload, and a CRC32 over length, sequence number and payload. Both the checksum and
 * the sequence number are verified. Quick ACKs do not exist in this transport.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#full">Full</a>
 */
public final class FullDecoder extends FrameDecoder {

    private enum State {
        LENGTH,
        BODY
    }

    private final int maxFrameLength;
    private State state = State.LENGTH;
    private int totalLength;
    private int expectedSeqNo;

    public FullDecoder(TransportLimits limits) {
        this.maxFrameLength = Objects.requireNonNull(limits, "limits").maxFrameLength();
    }

    @Override
    protected void decodeFrame(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case LENGTH -> {
                if (in.readableBytes() < 4) {
                    return;
                }
                long length = in.readUnsignedIntLE();
                if (length < FullEncoder.ENVELOPE_LENGTH) {
                    throw fail(in, Reason.FRAME_TOO_SHORT, "full length " + length);
                }
                if (length == FullEncoder.ENVELOPE_LENGTH) {
                    throw fail(in, Reason.EMPTY_FRAME, "full length 12");
                }
                if (length - FullEncoder.ENVELOPE_LENGTH > maxFrameLength) {
                    throw fail(in, Reason.FRAME_TOO_LARGE, "full length " + length + " > "
                            + (maxFrameLength + FullEncoder.ENVELOPE_LENGTH));
                }
                if ((length & 3) != 0) {
                    throw fail(in, Reason.UNALIGNED_LENGTH, "full length " + length);
                }
                totalLength = (int) length;
                state = State.BODY;
            }
            case BODY -> {
                int bodyLength = totalLength - 4;
                if (in.readableBytes() < bodyLength) {
                    return;
                }
                int start = in.readerIndex();
                CRC32 crc = new CRC32();
                crc.update(totalLength);
                crc.update(totalLength >>> 8);
                crc.update(totalLength >>> 16);
                crc.update(totalLength >>> 24);
                FullEncoder.update(crc, in, start, bodyLength - 4);
                int expectedCrc = (int) crc.getValue();
                int actualCrc = in.getIntLE(start + bodyLength - 4);
                if (actualCrc != expectedCrc) {
                    throw fail(in, Reason.BAD_CHECKSUM, String.format("crc32 %08x, expected %08x", actualCrc,
                            expectedCrc));
                }
                int seqNo = in.getIntLE(start);
                if (seqNo != expectedSeqNo) {
                    throw fail(in, Reason.BAD_SEQUENCE_NUMBER, "seqno " + seqNo + ", expected " + expectedSeqNo);
                }
                expectedSeqNo++;
                in.skipBytes(4);
                out.add(new InboundFrame(in.readRetainedSlice(totalLength - FullEncoder.ENVELOPE_LENGTH), false));
                in.skipBytes(4);
                state = State.LENGTH;
            }
        }
    }

}
