package io.heliograph.mtproto.fuzz;

import io.heliograph.mtproto.crypto.AesIge;
import io.heliograph.mtproto.crypto.AuthKey;
import io.heliograph.mtproto.crypto.MessageKeys;
import io.heliograph.mtproto.crypto.RsaKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.CRC32;

/**
 * What every fuzz target shares: a fixed clock (so message ids in the seed corpora never expire), one RSA key, the
 * auth keys the server knows, the salt it hands out, and the client side of packet encryption and framing that the
 * targets and {@link FuzzSeeds} use to build valid inputs.
 */
final class FuzzFixtures {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final long NOW = CLOCK.millis() / 1000;
    /** The salt encrypted seeds carry: registered as the test keys' key-exchange salt (see ServerUnderTest). */
    static final long SALT = 0x5a17_5a17_0f0f_1234L;
    static final long SESSION_ID = 0x0123_4567_89ab_cdefL;
    /** A registered permanent key: encrypted inputs for it get past auth_key_id and msg_key. */
    static final AuthKey PERM_KEY = AuthKey.of(expand("heliograph fuzz permanent key", AuthKey.LENGTH));
    /** A registered temporary key, not bound: it may only call help.getConfig and auth.bindTempAuthKey. */
    static final AuthKey TEMP_KEY = AuthKey.of(expand("heliograph fuzz temporary key", AuthKey.LENGTH));
    /** Generated once per JVM; only the key exchange uses it, and no seed depends on its value. */
    static final KeyPair RSA = RsaKeys.generateServerKey(seeded(1));

    static final int ABRIDGED = 0;
    static final int INTERMEDIATE = 1;
    static final int PADDED_INTERMEDIATE = 2;
    static final int FULL = 3;

    private FuzzFixtures() {
    }

    /**
     * The server's randomness for one input: reproducible (so a finding replays exactly) and with {@code nextLong}
     * fixed to {@link #SALT}, which is what {@code SessionRegistry} asks for a key's first salt.
     */
    static SecureRandom random() {
        SecureRandom base = seeded(42);
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                base.nextBytes(bytes);
            }

            @Override
            public byte[] generateSeed(int numBytes) {
                return base.generateSeed(numBytes);
            }

            @Override
            public long nextLong() {
                return SALT;
            }
        };
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code length} bytes derived from {@code label} by SHA-256 in counter mode. */
    static byte[] expand(String label, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] out = new byte[length];
            for (int i = 0, off = 0; off < length; i++, off += 32) {
                sha.update(label.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) i);
                byte[] block = sha.digest();
                System.arraycopy(block, 0, out, off, Math.min(32, length - off));
            }
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the client side of MTProto 2.0 packets -------------------------------------------------------------

    /**
     * Encrypts a plaintext whose length is a multiple of 16, whatever it holds (unlike
     * {@code PacketCipher.encrypt}, which insists on a consistent header), as a client would with {@code x}.
     */
    static byte[] seal(AuthKey key, int x, byte[] plaintext) {
        if (plaintext.length % 16 != 0) {
            throw new IllegalArgumentException("plaintext must be whole AES blocks");
        }
        byte[] msgKey = MessageKeys.msgKey(key, x, plaintext, 0, plaintext.length);
        MessageKeys keys = MessageKeys.derive(key, msgKey, x);
        byte[] encrypted = AesIge.encrypt(keys.aesKey(), keys.aesIv(), plaintext);
        ByteArrayOutputStream out = new ByteArrayOutputStream(24 + encrypted.length);
        writeLongLE(out, key.id());
        out.writeBytes(msgKey);
        out.writeBytes(encrypted);
        return out.toByteArray();
    }

    /**
     * {@code salt + session_id + msg_id + seq_no + length + body} with 12..27 bytes of padding (derived from the
     * body, to stay reproducible) up to whole blocks. {@code body.length} should be a multiple of 4.
     */
    static byte[] plaintext(long salt, long sessionId, long msgId, int seqNo, byte[] body) {
        int len = 32 + body.length;
        int padding = 12 + Math.floorMod(-(len + 12), 16);
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + padding);
        writeLongLE(out, salt);
        writeLongLE(out, sessionId);
        writeLongLE(out, msgId);
        writeIntLE(out, seqNo);
        writeIntLE(out, body.length);
        out.writeBytes(body);
        byte[] pad = expand("padding" + body.length, padding);
        out.writeBytes(pad);
        return out.toByteArray();
    }

    /** A client msg_id {@code n} steps after the fixed clock's second (divisible by 4, as clients must send). */
    static long msgId(int n) {
        return (NOW << 32) | ((long) n << 2);
    }

    /** An unencrypted message: auth_key_id 0, msg_id, length, body. */
    static byte[] unencrypted(long msgId, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(20 + body.length);
        writeLongLE(out, 0);
        writeLongLE(out, msgId);
        writeIntLE(out, body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    // ---- the client side of the transports ------------------------------------------------------------------

    /** The init bytes a client sends first for one of {@link #ABRIDGED} .. {@link #FULL}. */
    static byte[] init(int framing) {
        return switch (framing) {
            case ABRIDGED -> new byte[] {(byte) 0xef};
            case INTERMEDIATE -> new byte[] {(byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee};
            case PADDED_INTERMEDIATE -> new byte[] {(byte) 0xdd, (byte) 0xdd, (byte) 0xdd, (byte) 0xdd};
            case FULL -> new byte[0];
            default -> throw new IllegalArgumentException("framing " + framing);
        };
    }

    /**
     * One client frame. {@code seqNo} is only used by the full transport (the n-th packet of the connection),
     * {@code quickAck} only by the others.
     */
    static byte[] frame(int framing, byte[] payload, boolean quickAck, int seqNo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 16);
        switch (framing) {
            case ABRIDGED -> {
                int words = payload.length / 4;
                if (words < 0x7f) {
                    out.write(words | (quickAck ? 0x80 : 0));
                } else {
                    out.write(0x7f | (quickAck ? 0x80 : 0));
                    out.write(words);
                    out.write(words >>> 8);
                    out.write(words >>> 16);
                }
                out.writeBytes(payload);
            }
            case INTERMEDIATE -> {
                writeIntLE(out, payload.length | (quickAck ? 0x80000000 : 0));
                out.writeBytes(payload);
            }
            case PADDED_INTERMEDIATE -> {
                int padding = payload.length % 16;
                writeIntLE(out, (payload.length + padding) | (quickAck ? 0x80000000 : 0));
                out.writeBytes(payload);
                out.writeBytes(expand("transport padding", padding));
            }
            case FULL -> {
                writeIntLE(out, payload.length + 12);
                writeIntLE(out, seqNo);
                out.writeBytes(payload);
                CRC32 crc = new CRC32();
                crc.update(out.toByteArray());
                writeIntLE(out, (int) crc.getValue());
            }
            default -> throw new IllegalArgumentException("framing " + framing);
        }
        return out.toByteArray();
    }

    static void writeLongLE(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    static void writeIntLE(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 4; i++) {
            out.write(v >>> (8 * i));
        }
    }

    static int intLE(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
