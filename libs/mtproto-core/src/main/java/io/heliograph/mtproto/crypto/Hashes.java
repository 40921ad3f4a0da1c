package io.heliograph.mtproto.crypto;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-1 and SHA-256 over one or several byte ranges, with one reusable digest per thread.
 *
 * @see <a href="https://core.telegram.org/mtproto/description">MTProto Mobile Protocol</a>
 */
public final class Hashes {

    public static final int SHA1_LENGTH = 20;
    public static final int SHA256_LENGTH = 32;

    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> newDigest("SHA-1"));
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> newDigest("SHA-256"));

    private Hashes() {
    }

    /** SHA-1 of the concatenation of {@code parts}. */
    public static byte[] sha1(byte[]... parts) {
        return digest(SHA1.get(), parts);
    }

    public static byte[] sha1(byte[] data, int off, int len) {
        MessageDigest md = fresh(SHA1);
        md.update(data, off, len);
        return md.digest();
    }

    /** SHA-1 of {@code a[aOff, aOff+aLen) + b[bOff, bOff+bLen)}. */
    public static byte[] sha1(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        MessageDigest md = fresh(SHA1);
        md.update(a, aOff, aLen);
        md.update(b, bOff, bLen);
        return md.digest();
    }

    /** SHA-256 of the concatenation of {@code parts}. */
    public static byte[] sha256(byte[]... parts) {
        return digest(SHA256.get(), parts);
    }

    public static byte[] sha256(byte[] data, int off, int len) {
        MessageDigest md = fresh(SHA256);
        md.update(data, off, len);
        return md.digest();
    }

    /** SHA-256 of {@code a[aOff, aOff+aLen) + b[bOff, bOff+bLen)}. */
    public static byte[] sha256(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        MessageDigest md = fresh(SHA256);
        md.update(a, aOff, aLen);
        md.update(b, bOff, bLen);
        return md.digest();
    }

    /** As {@link #sha256(byte[], int, int, byte[], int, int)}, writing the 32-byte hash to {@code out[outOff]}. */
    static void sha256(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen, byte[] out, int outOff) {
        MessageDigest md = fresh(SHA256);
        md.update(a, aOff, aLen);
        md.update(b, bOff, bLen);
        try {
            md.digest(out, outOff, SHA256_LENGTH);
        } catch (DigestException e) {
            throw new IllegalArgumentException("no room for the hash at offset " + outOff, e);
        }
    }

    /**
     * True when {@code buf} starts with SHA1 of the {@code dataLength} bytes after the hash (the
     * {@code SHA1(data) + data + padding} layout), compared in constant time.
     */
    static boolean sha1PrefixMatches(byte[] buf, int dataLength) {
        if (dataLength < 0 || dataLength > buf.length - SHA1_LENGTH) {
            return false;
        }
        byte[] hash = sha1(buf, SHA1_LENGTH, dataLength);
        return ConstantTime.equals(hash, 0, buf, 0, SHA1_LENGTH);
    }

    private static byte[] digest(MessageDigest md, byte[][] parts) {
        md.reset();
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }

    /** The thread's digest, reset in case an earlier call failed between updates. */
    private static MessageDigest fresh(ThreadLocal<MessageDigest> digest) {
        MessageDigest md = digest.get();
        md.reset();
        return md;
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
