package io.heliograph.mtproto.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian loads and stores on byte arrays, and the few array helpers the crypto code shares. */
final class Bytes {

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    static long getLongLE(byte[] b, int off) {
        return (long) LONG_LE.get(b, off);
    }

    static void putLongLE(byte[] b, int off, long v) {
        LONG_LE.set(b, off, v);
    }

    static int getIntLE(byte[] b, int off) {
        return (int) INT_LE.get(b, off);
    }

    static byte[] reverse(byte[] b, int off, int len) {
        byte[] r = new byte[len];
        for (int i = 0; i < len; i++) {
            r[i] = b[off + len - 1 - i];
        }
        return r;
    }

    /** Big-endian magnitude of {@code v} left-padded with zeros to exactly {@code len} bytes. */
    static byte[] toFixedBigEndian(java.math.BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        int skip = raw.length > len ? raw.length - len : 0;
        for (int i = 0; i < skip; i++) {
            if (raw[i] != 0) {
                throw new IllegalArgumentException("value does not fit in " + len + " bytes");
            }
        }
        byte[] out = new byte[len];
        System.arraycopy(raw, skip, out, len - (raw.length - skip), raw.length - skip);
        return out;
    }
}
