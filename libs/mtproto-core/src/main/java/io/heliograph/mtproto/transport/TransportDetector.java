package io.heliograph.mtproto.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Recognises the transport from a connection's first bytes, however they are split, then installs the matching
 * handlers after itself (see {@link TransportPipeline}), fires a {@link TransportDetectedEvent} and removes itself;
 * the bytes it buffered beyond the init marker go on to the new handlers.
 *
 * <ul>
 *   <li>first byte {@code 0xef}: abridged;
 *   <li>first int {@code 0xeeeeeeee} / {@code 0xdddddddd}: intermediate / padded intermediate;
 *   <li>first four bytes {@code POST}, {@code GET }, {@code HEAD} or {@code OPTI}: HTTP. Nothing is consumed and
 *       nothing installed; whoever handles HTTP installs its handlers after this one while handling the event, and
 *       receives the buffered request bytes;
 *   <li>bytes 4..8 zero: full (a first packet with sequence number 0);
 *   <li>otherwise, once 64 bytes are in: an obfuscated2 header, whose tag selects the framing.
 * </ul>
 *
 * <p>A connection that stops before 64 bytes stays here; an idle timeout belongs in the pipeline in front.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transports</a>
 */
public final class TransportDetector extends ByteToMessageDecoder {

    private static final int ABRIDGED_MARKER = 0xef;
    private static final int[] HTTP_PREFIXES = {ascii("POST"), ascii("GET "), ascii("HEAD"), ascii("OPTI")};

    private enum State {
        DETECTING,
        DISCARD
    }

    private final TransportLimits limits;
    private State state = State.DETECTING;

    public TransportDetector(TransportLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (state == State.DISCARD) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int readable = in.readableBytes();
        if (readable == 0) {
            return;
        }
        int start = in.readerIndex();
        if (in.getUnsignedByte(start) == ABRIDGED_MARKER) {
            in.skipBytes(1);
            switchTo(ctx, TransportKind.ABRIDGED, null);
            return;
        }
        if (readable < 4) {
            return;
        }
        int first = in.getIntLE(start);
        if (first == TransportKind.INTERMEDIATE.obfuscationTag()) {
            in.skipBytes(4);
            switchTo(ctx, TransportKind.INTERMEDIATE, null);
            return;
        }
        if (first == TransportKind.PADDED_INTERMEDIATE.obfuscationTag()) {
            in.skipBytes(4);
            switchTo(ctx, TransportKind.PADDED_INTERMEDIATE, null);
            return;
        }
        if (isHttp(in.getInt(start))) {
            ctx.fireUserEventTriggered(new TransportDetectedEvent(TransportKind.HTTP, false, 0));
            ctx.pipeline().remove(this);
            return;
        }
        if (readable < 8) {
            return;
        }
        if (in.getInt(start + 4) == 0) {
            switchTo(ctx, TransportKind.FULL, null);
            return;
        }
        if (readable < ObfuscatedCodec.HEADER_LENGTH) {
            return;
        }
        byte[] header = new byte[ObfuscatedCodec.HEADER_LENGTH];
        in.readBytes(header);
        ObfuscatedCodec codec;
        try {
            codec = ObfuscatedCodec.fromClientHeader(header);
        } catch (TransportException e) {
            state = State.DISCARD;
            in.skipBytes(in.readableBytes());
            throw e;
        }
        switchTo(ctx, codec.innerKind(), codec);
    }

    private void switchTo(ChannelHandlerContext ctx, TransportKind kind, ObfuscatedCodec codec) {
        Transports.install(ctx.pipeline(), ctx.name(), kind, limits, codec);
        ctx.fireUserEventTriggered(new TransportDetectedEvent(kind, codec != null, codec == null ? 0 : codec.dcId()));
        ctx.pipeline().remove(this);
    }

    private static boolean isHttp(int firstBigEndian) {
        for (int prefix : HTTP_PREFIXES) {
            if (prefix == firstBigEndian) {
                return true;
            }
        }
        return false;
    }

    private static int ascii(String four) {
        return four.charAt(0) << 24 | four.charAt(1) << 16 | four.charAt(2) << 8 | four.charAt(3);
    }
}
