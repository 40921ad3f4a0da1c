package io.heliograph.mtproto.transport;

import io.heliograph.mtproto.transport.TransportException.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.Arrays;
import java.util.Objects;

/**
 * The obfuscated2 layer under a framing codec: decrypts inbound bytes in place with the client-to-server AES-256-CTR
 * stream and encrypts outbound bytes, after framing, into new buffers with the server-to-client stream. Both streams
 * continue across packets for the life of the connection.
 *
 * <p>For the 64-byte client header {@code init}: client-to-server key = {@code init[8..40]}, IV =
 * {@code init[40..56]}; server-to-client key and IV are the same ranges of the header reversed, that is
 * {@code reverse(init[8..56])} split 32 + 16. The whole header is decrypted first; bytes 56..60 of the result are the
 * protocol tag of the framing inside and bytes 60..62 the signed little-endian DC id. MTProxy secrets are not
 * supported.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#transport-obfuscation">Transport obfuscation</a>
 */
public final class ObfuscatedCodec extends ChannelDuplexHandler {

    public static final int HEADER_LENGTH = 64;

    private final ByteBufCtr decryptor;
    private final ByteBufCtr encryptor;
    private final TransportKind innerKind;
    private final int dcId;

    private ObfuscatedCodec(ByteBufCtr decryptor, ByteBufCtr encryptor, TransportKind innerKind, int dcId) {
        this.decryptor = decryptor;
        this.encryptor = encryptor;
        this.innerKind = innerKind;
        this.dcId = dcId;
    }

    /**
     * Derives both streams from the header exactly as received, decrypts it and reads the protocol tag.
     *
     * @throws TransportException with {@link Reason#UNKNOWN_PROTOCOL} if the tag names no framing
     */
    public static ObfuscatedCodec fromClientHeader(byte[] header) {
        Objects.requireNonNull(header, "header");
        if (header.length != HEADER_LENGTH) {
            throw new IllegalArgumentException("obfuscated2 header is 64 bytes: " + header.length);
        }
        ByteBufCtr decryptor = new ByteBufCtr(Arrays.copyOfRange(header, 8, 40), Arrays.copyOfRange(header, 40, 56));
        byte[] reversed = new byte[48];
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = header[55 - i];
        }
        ByteBufCtr encryptor = new ByteBufCtr(Arrays.copyOfRange(reversed, 0, 32), Arrays.copyOfRange(reversed, 32, 48));
        byte[] plain = decryptor.update(header);
        int tag = (plain[56] & 0xff) | (plain[57] & 0xff) << 8 | (plain[58] & 0xff) << 16 | (plain[59] & 0xff) << 24;
        short dcId = (short) ((plain[60] & 0xff) | (plain[61] & 0xff) << 8);
        Arrays.fill(plain, (byte) 0);
        Arrays.fill(reversed, (byte) 0);
        TransportKind kind = TransportKind.forObfuscationTag(tag).orElseThrow(() -> new TransportException(
                Reason.UNKNOWN_PROTOCOL, String.format("obfuscated2 protocol tag %08x", tag)));
        return new ObfuscatedCodec(decryptor, encryptor, kind, dcId);
    }

    /** The framing the header's protocol tag selects. */
    public TransportKind innerKind() {
        return innerKind;
    }

    /** The signed DC id from the header; negative for media DCs, 0 if the client left it unset. */
    public int dcId() {
        return dcId;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf) || !buf.isReadable()) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (ByteBufCtr.canTransformInPlace(buf)) {
            decryptor.transformInPlace(buf);
            ctx.fireChannelRead(buf);
            return;
        }
        ByteBuf plain;
        try {
            plain = decryptor.transform(ctx.alloc(), buf);
        } finally {
            buf.release();
        }
        ctx.fireChannelRead(plain);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buf) || !buf.isReadable()) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf encrypted;
        try {
            encrypted = encryptor.transform(ctx.alloc(), buf);
        } catch (RuntimeException e) {
            promise.setFailure(e);
            return;
        } finally {
            buf.release();
        }
        ctx.write(encrypted, promise);
    }
}
