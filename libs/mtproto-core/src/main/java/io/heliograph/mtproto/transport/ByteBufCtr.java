package io.heliograph.mtproto.transport;

import io.heliograph.mtproto.crypto.AesCtr;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;

/** One direction of an obfuscated2 connection: the {@link AesCtr} keystream applied to Netty buffers. */
final class ByteBufCtr {

    private final AesCtr cipher;

    ByteBufCtr(byte[] key, byte[] iv) {
        this.cipher = new AesCtr(key, iv);
    }

    byte[] update(byte[] input) {
        return cipher.update(input);
    }

    /** Transforms the readable bytes of a writable buffer where they are. */
    void transformInPlace(ByteBuf buf) {
        int index = buf.readerIndex();
        int length = buf.readableBytes();
        if (buf.hasArray()) {
            byte[] array = buf.array();
            int offset = buf.arrayOffset() + index;
            cipher.update(array, offset, length, array, offset);
            return;
        }
        for (ByteBuffer nio : buf.nioBuffers(index, length)) {
            cipher.update(nio.duplicate(), nio);
        }
    }

    /** Transforms the readable bytes of {@code src} into a new buffer; {@code src} is left untouched. */
    ByteBuf transform(ByteBufAllocator alloc, ByteBuf src) {
        int length = src.readableBytes();
        ByteBuf dst = alloc.buffer(length);
        try {
            if (dst.nioBufferCount() == 1) {
                ByteBuffer target = dst.nioBuffer(dst.writerIndex(), length);
                for (ByteBuffer nio : src.nioBuffers(src.readerIndex(), length)) {
                    cipher.update(nio, target);
                }
                dst.writerIndex(dst.writerIndex() + length);
            } else {
                byte[] bytes = new byte[length];
                src.getBytes(src.readerIndex(), bytes);
                cipher.update(bytes, 0, length, bytes, 0);
                dst.writeBytes(bytes);
            }
            return dst;
        } catch (RuntimeException e) {
            dst.release();
            throw e;
        }
    }

    static boolean canTransformInPlace(ByteBuf buf) {
        return !buf.isReadOnly() && (buf.hasArray() || buf.nioBufferCount() > 0);
    }
}
