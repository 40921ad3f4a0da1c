package io.heliograph.tl;

import java.nio.charset.StandardCharsets;

/**
 * Reads TL values from a byte array. Every length is checked against what remains and against an explicit bound
 * before anything is allocated, so hostile input fails with {@link TlDecodeException} and never over-allocates.
 */
public final class TlReader {

    /** How deeply objects may nest before input is rejected (hostile input must not exhaust the stack). */
    public static final int MAX_DEPTH = 64;

    private final byte[] buf;
    private final int end;
    private int pos;
    private int depth;

    public TlReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public TlReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || length > buf.length - offset) { // offset + length could overflow
            throw new IllegalArgumentException("range outside buffer");
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public int readInt() {
        require(4);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    public long readLong() {
        long lo = readInt() & 0xffffffffL;
        long hi = readInt() & 0xffffffffL;
        return lo | hi << 32;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public boolean readBool() {
        int id = readInt();
        if (id == TlConstants.BOOL_TRUE) {
            return true;
        }
        if (id == TlConstants.BOOL_FALSE) {
            return false;
        }
        throw new TlDecodeException(String.format("expected Bool, found constructor 0x%08x", id));
    }

    public byte[] readRaw(int length) {
        if (length < 0) {
            throw new TlDecodeException("negative raw length " + length);
        }
        require(length);
        byte[] out = new byte[length];
        System.arraycopy(buf, pos, out, 0, length);
        pos += length;
        return out;
    }

    /** Reads a TL {@code bytes} value no longer than {@code maxLength}. */
    public byte[] readBytes(int maxLength) {
        require(1);
        int first = buf[pos] & 0xff;
        int header;
        int len;
        if (first <= 253) {
            header = 1;
            len = first;
        } else if (first == 254) {
            require(4);
            header = 4;
            len = (buf[pos + 1] & 0xff) | (buf[pos + 2] & 0xff) << 8 | (buf[pos + 3] & 0xff) << 16;
        } else {
            throw new TlDecodeException("invalid TL bytes header 0xff");
        }
        if (len > maxLength) {
            throw new TlDecodeException("TL bytes of length " + len + " exceed the bound " + maxLength);
        }
        int padded = (header + len + 3) & ~3;
        require(padded);
        byte[] out = new byte[len];
        System.arraycopy(buf, pos + header, out, 0, len);
        pos += padded;
        return out;
    }

    public byte[] readBytes() {
        return readBytes(TlConstants.MAX_BYTES_LENGTH);
    }

    public String readString(int maxLength) {
        return new String(readBytes(maxLength), StandardCharsets.UTF_8);
    }

    public String readString() {
        return readString(TlConstants.MAX_BYTES_LENGTH);
    }

    /** Reads a boxed vector header and returns its element count, bounded by {@code maxCount} and the input. */
    public int readVectorHeader(int maxCount, int minElementSize) {
        int id = readInt();
        if (id != TlConstants.VECTOR) {
            throw new TlDecodeException(String.format("expected Vector, found constructor 0x%08x", id));
        }
        return readBareVectorCount(maxCount, minElementSize);
    }

    /** Reads the count of a bare vector, bounded by {@code maxCount} and by what the remaining input can hold. */
    public int readBareVectorCount(int maxCount, int minElementSize) {
        int count = readInt();
        if (count < 0 || count > maxCount) {
            throw new TlDecodeException("vector of " + count + " elements exceeds the bound " + maxCount);
        }
        if ((long) count * Math.max(minElementSize, 0) > remaining()) {
            throw new TlDecodeException("vector of " + count + " elements cannot fit in " + remaining() + " bytes");
        }
        return count;
    }

    /** Called by generated readers on entering an object; fails past {@link #MAX_DEPTH}. */
    public void enter() {
        if (++depth > MAX_DEPTH) {
            throw new TlDecodeException("objects nested deeper than " + MAX_DEPTH);
        }
    }

    public void exit() {
        depth--;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    private void require(int n) {
        if (n > end - pos) {
            throw new TlDecodeException("truncated input: need " + n + " bytes at offset " + pos + ", have " + (end - pos));
        }
    }
}
