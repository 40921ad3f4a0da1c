package io.heliograph.tl;

import java.util.Arrays;

/**
 * Writes TL values in their binary form (little-endian, 4-byte aligned strings).
 *
 * @see <a href="https://core.telegram.org/mtproto/serialize">Binary data serialization</a>
 */
public final class TlWriter {

    private byte[] buf;
    private int pos;

    public TlWriter() {
        this(64);
    }

    public TlWriter(int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    public TlWriter writeInt(int v) {
        ensure(4);
        buf[pos] = (byte) v;
        buf[pos + 1] = (byte) (v >>> 8);
        buf[pos + 2] = (byte) (v >>> 16);
        buf[pos + 3] = (byte) (v >>> 24);
        pos += 4;
        return this;
    }

    public TlWriter writeLong(long v) {
        writeInt((int) v);
        return writeInt((int) (v >>> 32));
    }

    public TlWriter writeDouble(double v) {
        return writeLong(Double.doubleToRawLongBits(v));
    }

    public TlWriter writeBool(boolean v) {
        return writeInt(v ? TlConstants.BOOL_TRUE : TlConstants.BOOL_FALSE);
    }

    /** Writes raw bytes with no length prefix (int128, int256 and bare payloads). */
    public TlWriter writeRaw(byte[] bytes) {
        return writeRaw(bytes, 0, bytes.length);
    }

    public TlWriter writeRaw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, pos, length);
        pos += length;
        return this;
    }

    /** Writes a TL {@code bytes}/{@code string}: 1- or 4-byte length header, data, zero padding to 4 bytes. */
    public TlWriter writeBytes(byte[] bytes) {
        int len = bytes.length;
        if (len > TlConstants.MAX_BYTES_LENGTH) {
            throw new IllegalArgumentException("TL bytes longer than 2^24-1: " + len);
        }
        int header;
        if (len <= 253) {
            ensure(1 + len + 3);
            buf[pos++] = (byte) len;
            header = 1;
        } else {
            ensure(4 + len + 3);
            buf[pos++] = (byte) 254;
            buf[pos++] = (byte) len;
            buf[pos++] = (byte) (len >>> 8);
            buf[pos++] = (byte) (len >>> 16);
            header = 4;
        }
        System.arraycopy(bytes, 0, buf, pos, len);
        pos += len;
        int pad = (4 - ((header + len) & 3)) & 3;
        for (int i = 0; i < pad; i++) {
            buf[pos++] = 0;
        }
        return this;
    }

    public TlWriter writeString(String s) {
        return writeBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public int size() {
        return pos;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(int extra) {
        if (pos + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + extra));
        }
    }

    /** The serialized size of a TL {@code bytes} value of the given length, header and padding included. */
    public static int bytesSize(int length) {
        int header = length <= 253 ? 1 : 4;
        return (header + length + 3) & ~3;
    }
}
