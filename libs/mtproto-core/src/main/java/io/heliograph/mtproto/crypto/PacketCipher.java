package io.heliograph.mtproto.crypto;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Encryption and decryption of whole MTProto 2.0 packets, {@code auth_key_id + msg_key + encrypted_data}, as pure
 * functions. Decryption applies the checks of the security guidelines in order: sizes, {@code auth_key_id},
 * {@code msg_key} (constant time, before anything in the plaintext is read), then {@code message_data_length} and the
 * padding length.
 *
 * @see <a href="https://core.telegram.org/mtproto/description">MTProto Mobile Protocol</a>
 * @see <a href="https://core.telegram.org/mtproto/security_guidelines">Security guidelines</a>
 */
public final class PacketCipher {

    /** {@code salt + session_id + msg_id + seq_no + message_data_length}. */
    public static final int HEADER_LENGTH = 32;
    public static final int MIN_PADDING = 12;
    public static final int MAX_PADDING = 1024;
    /** Bytes before the ciphertext: {@code auth_key_id} (8) and {@code msg_key} (16). */
    public static final int PREFIX_LENGTH = 8 + MessageKeys.MSG_KEY_LENGTH;
    /** The smallest ciphertext: a header and the minimum padding, rounded up to whole blocks. */
    public static final int MIN_CIPHERTEXT = (HEADER_LENGTH + MIN_PADDING + 15) / 16 * 16;

    private static final Rejected MALFORMED = new Rejected(Reason.MALFORMED);
    private static final Rejected AUTH_KEY_ID_MISMATCH = new Rejected(Reason.AUTH_KEY_ID_MISMATCH);
    private static final Rejected MSG_KEY_MISMATCH = new Rejected(Reason.MSG_KEY_MISMATCH);
    private static final Rejected BAD_MESSAGE_LENGTH = new Rejected(Reason.BAD_MESSAGE_LENGTH);

    private PacketCipher() {
    }

    /** Server to client ({@code x = 8}). */
    public static byte[] encryptForClient(AuthKey key, byte[] plaintext, SecureRandom random) {
        return encrypt(key, MessageKeys.SERVER_TO_CLIENT, plaintext, random);
    }

    /** Client to server ({@code x = 0}). */
    public static Result decryptFromClient(AuthKey key, byte[] packet, int off, int len) {
        return decrypt(key, MessageKeys.CLIENT_TO_SERVER, packet, off, len);
    }

    /**
     * Encrypts one message. {@code plaintext} is {@code salt + session_id + msg_id + seq_no + message_data_length +
     * message_data}, whose length field must match; random padding of 12..27 bytes brings it to whole blocks.
     *
     * @return {@code auth_key_id (8, LE) + msg_key (16) + encrypted_data}
     */
    public static byte[] encrypt(AuthKey key, int x, byte[] plaintext, SecureRandom random) {
        MessageKeys.checkX(x);
        int len = plaintext.length;
        if (len < HEADER_LENGTH || len % 4 != 0 || Bytes.getIntLE(plaintext, 28) != len - HEADER_LENGTH) {
            throw new IllegalArgumentException("plaintext must be a 32-byte header and a body of 4k bytes whose "
                    + "length is at offset 28; got " + len + " bytes");
        }
        int padding = MIN_PADDING + Math.floorMod(-(len + MIN_PADDING), 16);
        byte[] packet = new byte[PREFIX_LENGTH + len + padding];
        System.arraycopy(plaintext, 0, packet, PREFIX_LENGTH, len);
        byte[] pad = new byte[padding];
        random.nextBytes(pad);
        System.arraycopy(pad, 0, packet, PREFIX_LENGTH + len, padding);
        return seal(key, x, packet);
    }

    /**
     * Fills in {@code auth_key_id} and {@code msg_key} and encrypts in place a packet whose bytes from 24 on are an
     * already padded plaintext; no checks on the plaintext, so tests can build malformed packets.
     */
    static byte[] seal(AuthKey key, int x, byte[] packet) {
        int len = packet.length - PREFIX_LENGTH;
        byte[] large = new byte[Hashes.SHA256_LENGTH];
        MessageKeys.msgKeyLarge(key, x, packet, PREFIX_LENGTH, len, large);
        Bytes.putLongLE(packet, 0, key.id());
        System.arraycopy(large, 8, packet, 8, MessageKeys.MSG_KEY_LENGTH);
        MessageKeys keys = MessageKeys.derive(key, packet, 8, x);
        AesIge.encrypt(keys.aesKey(), keys.aesIv(), packet, PREFIX_LENGTH, len, packet, PREFIX_LENGTH);
        return packet;
    }

    /** The little-endian {@code auth_key_id} a packet starts with, to look its key up. */
    public static long authKeyId(byte[] packet, int off) {
        Objects.checkFromIndexSize(off, 8, packet.length);
        return Bytes.getLongLE(packet, off);
    }

    /** Decrypts and verifies {@code packet[off, off+len)}; the input is not modified. */
    public static Result decrypt(AuthKey key, int x, byte[] packet, int off, int len) {
        MessageKeys.checkX(x);
        Objects.checkFromIndexSize(off, len, packet.length);
        int cipherLen = len - PREFIX_LENGTH;
        if (cipherLen < MIN_CIPHERTEXT || cipherLen % 16 != 0) {
            return MALFORMED;
        }
        if (Bytes.getLongLE(packet, off) != key.id()) {
            return AUTH_KEY_ID_MISMATCH;
        }
        int msgKeyOff = off + 8;
        MessageKeys keys = MessageKeys.derive(key, packet, msgKeyOff, x);
        byte[] plaintext = new byte[cipherLen];
        AesIge.decrypt(keys.aesKey(), keys.aesIv(), packet, off + PREFIX_LENGTH, cipherLen, plaintext, 0);
        byte[] large = new byte[Hashes.SHA256_LENGTH];
        MessageKeys.msgKeyLarge(key, x, plaintext, 0, cipherLen, large);
        if (!ConstantTime.equals(large, 8, packet, msgKeyOff, MessageKeys.MSG_KEY_LENGTH)) {
            return MSG_KEY_MISMATCH;
        }
        int dataLength = Bytes.getIntLE(plaintext, 28);
        int padding = cipherLen - HEADER_LENGTH - dataLength;
        if (dataLength < 0 || dataLength % 4 != 0 || padding < MIN_PADDING || padding > MAX_PADDING) {
            return BAD_MESSAGE_LENGTH;
        }
        return new Decrypted(plaintext, dataLength);
    }

    /** The outcome of {@link #decrypt}: a verified plaintext, or a rejection to be handled the same way whatever its reason. */
    public sealed interface Result permits Decrypted, Rejected {
    }

    /**
     * A verified plaintext: the 32-byte header, {@code message_data} at {@code [32, 32 + messageDataLength)}, then
     * padding. The array is owned by the caller.
     */
    public record Decrypted(byte[] plaintext, int messageDataLength) implements Result {

        public long salt() {
            return Bytes.getLongLE(plaintext, 0);
        }

        public long sessionId() {
            return Bytes.getLongLE(plaintext, 8);
        }

        public long messageId() {
            return Bytes.getLongLE(plaintext, 16);
        }

        public int seqNo() {
            return Bytes.getIntLE(plaintext, 24);
        }

        @Override
        public String toString() {
            return "Decrypted[messageDataLength=" + messageDataLength + "]";
        }
    }

    /**
     * A packet that failed a check. Respond to every reason identically (the protocol's answer is the same whatever
     * failed); the reason is for logs and metrics only.
     */
    public record Rejected(Reason reason) implements Result {
    }

    /** Which check failed, for logs only. */
    public enum Reason {
        /** The packet is too short or the ciphertext is not whole blocks. */
        MALFORMED,
        /** The packet names a different auth key. */
        AUTH_KEY_ID_MISMATCH,
        /** msg_key does not match the decrypted plaintext. */
        MSG_KEY_MISMATCH,
        /** message_data_length is negative, not a multiple of 4, or leaves padding outside 12..1024 bytes. */
        BAD_MESSAGE_LENGTH
    }
}
