package io.heliograph.mtproto.client;

import io.heliograph.mtproto.crypto.AesCtr;
import io.heliograph.mtproto.transport.ObfuscatedCodec;
import io.heliograph.mtproto.transport.TransportKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The client side of obfuscation2 (the mirror of {@link ObfuscatedCodec}): a random 64-byte header that cannot be
 * mistaken for another transport, with the framing's tag at 56 and the DC id at 60; outbound bytes are encrypted
 * with the key/IV at 8..40/40..56 of the header, inbound ones decrypted with the same ranges of the reversed header.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#transport-obfuscation">Transport obfuscation</a>
 */
final class ObfuscationHandler extends StreamStart {

    private static final int[] FORBIDDEN_FIRST_INTS = {
        0x44414548, 0x54534f50, 0x20544547, 0x4954504f, 0xdddddddd, 0xeeeeeeee, 0x02010316};

    private final TransportKind framing;
    private final int dcId;
    private final SecureRandom random;
    private AesCtr encrypt;
    private AesCtr decrypt;

    ObfuscationHandler(TransportKind framing, int dcId, boolean afterWebSocketUpgrade, SecureRandom random) {
        super(afterWebSocketUpgrade);
        this.framing = framing;
        this.dcId = dcId;
        this.random = random;
    }

    @Override
    void writeInit(ChannelHandlerContext ctx) {
        byte[] init = new byte[ObfuscatedCodec.HEADER_LENGTH];
        do {
            random.nextBytes(init);
        } while (forbidden(init));
        int tag = framing.obfuscationTag();
        init[56] = (byte) tag;
        init[57] = (byte) (tag >>> 8);
        init[58] = (byte) (tag >>> 16);
        init[59] = (byte) (tag >>> 24);
        init[60] = (byte) dcId;
        init[61] = (byte) (dcId >>> 8);
        byte[] reversed = new byte[48];
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = init[55 - i];
        }
        encrypt = new AesCtr(Arrays.copyOfRange(init, 8, 40), Arrays.copyOfRange(init, 40, 56));
        decrypt = new AesCtr(Arrays.copyOfRange(reversed, 0, 32), Arrays.copyOfRange(reversed, 32, 48));
        byte[] encrypted = encrypt.update(init);
        System.arraycopy(encrypted, 56, init, 56, 8);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(init));
    }

    private static boolean forbidden(byte[] init) {
        if ((init[0] & 0xff) == 0xef) {
            return true;
        }
        int first = (init[0] & 0xff) | (init[1] & 0xff) << 8 | (init[2] & 0xff) << 16 | (init[3] & 0xff) << 24;
        for (int f : FORBIDDEN_FIRST_INTS) {
            if (first == f) {
                return true;
            }
        }
        return (init[4] | init[5] | init[6] | init[7]) == 0;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf) || decrypt == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        decrypt.update(bytes, 0, bytes.length, bytes, 0);
        ctx.fireChannelRead(Unpooled.wrappedBuffer(bytes));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buf) || encrypt == null) {
            ctx.write(msg, promise);
            return;
        }
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        encrypt.update(bytes, 0, bytes.length, bytes, 0);
        ctx.write(Unpooled.wrappedBuffer(bytes), promise);
    }
}
