package io.heliograph.mtproto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.mtproto.crypto.PacketCipher.Decrypted;
import io.heliograph.mtproto.crypto.PacketCipher.Reason;
import io.heliograph.mtproto.crypto.PacketCipher.Rejected;
import io.heliograph.mtproto.crypto.PacketCipher.Result;
import io.heliograph.tl.TlWriter;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PacketCipherTest {

    private static final AuthKey KEY = AuthKey.of(SampleAuthKey.AUTH_KEY);
    private static final SecureRandom RANDOM = TestRandom.seeded(8);

    @Test
    void clientToServerRoundTrip() {
        byte[] plaintext = message(0x1122334455667788L, 0x0102030405060708L, 0x65C53D5100000004L, 3, body(40, 1));
        byte[] packet = PacketCipher.encrypt(KEY, 0, plaintext, RANDOM);

        assertThat(PacketCipher.authKeyId(packet, 0)).isEqualTo(KEY.id());
        Decrypted d = decrypted(PacketCipher.decryptFromClient(KEY, packet, 0, packet.length));
        assertThat(d.salt()).isEqualTo(0x1122334455667788L);
        assertThat(d.sessionId()).isEqualTo(0x0102030405060708L);
        assertThat(d.messageId()).isEqualTo(0x65C53D5100000004L);
        assertThat(d.seqNo()).isEqualTo(3);
        assertThat(d.messageDataLength()).isEqualTo(40);
        assertThat(Arrays.copyOf(d.plaintext(), plaintext.length)).isEqualTo(plaintext);
    }

    @Test
    void serverToClientRoundTripAndDirectionsDoNotMix() {
        byte[] plaintext = message(1, 2, 3, 4, body(12, 2));
        byte[] toClient = PacketCipher.encryptForClient(KEY, plaintext, RANDOM);
        assertThat(decrypted(PacketCipher.decrypt(KEY, 8, toClient, 0, toClient.length)).messageDataLength()).isEqualTo(12);
        assertThat(PacketCipher.decryptFromClient(KEY, toClient, 0, toClient.length))
                .isEqualTo(new Rejected(Reason.MSG_KEY_MISMATCH));
    }

    @Test
    void randomMessagesRoundTripAtAnyOffsetWithoutTouchingTheInput() {
        Random random = new Random(9);
        for (int i = 0; i < 300; i++) {
            int x = random.nextBoolean() ? 0 : 8;
            byte[] plaintext = message(random.nextLong(), random.nextLong(), random.nextLong(), random.nextInt(),
                    body(4 * random.nextInt(100), random.nextInt()));
            byte[] packet = PacketCipher.encrypt(KEY, x, plaintext, RANDOM);
            int padding = packet.length - 24 - plaintext.length;
            assertThat(padding).isBetween(12, 27);
            assertThat((packet.length - 24) % 16).isZero();

            int off = random.nextInt(9);
            byte[] framed = new byte[off + packet.length + 5];
            System.arraycopy(packet, 0, framed, off, packet.length);
            byte[] before = framed.clone();
            Decrypted d = decrypted(PacketCipher.decrypt(KEY, x, framed, off, packet.length));
            assertThat(Arrays.copyOf(d.plaintext(), plaintext.length)).isEqualTo(plaintext);
            assertThat(framed).isEqualTo(before);
        }
    }

    @Test
    void everyFlippedBitOfMsgKeyOrCiphertextIsRejectedByTheMsgKeyCheck() {
        byte[] packet = PacketCipher.encrypt(KEY, 0, message(1, 2, 3, 4, body(80, 3)), RANDOM);
        for (int i = 8; i < packet.length; i++) {
            for (int bit = 0; bit < 8; bit += 3) {
                byte[] tampered = packet.clone();
                tampered[i] ^= (byte) (1 << bit);
                assertThat(PacketCipher.decryptFromClient(KEY, tampered, 0, tampered.length))
                        .as("byte %d bit %d", i, bit).isEqualTo(new Rejected(Reason.MSG_KEY_MISMATCH));
            }
        }
    }

    @Test
    void aPacketForAnotherAuthKeyIdIsRejectedEvenWithAValidMsgKey() {
        byte[] packet = PacketCipher.encrypt(KEY, 0, message(1, 2, 3, 4, body(8, 4)), RANDOM);
        for (int i = 0; i < 8; i++) {
            byte[] tampered = packet.clone();
            tampered[i] ^= 0x40;
            assertThat(PacketCipher.decryptFromClient(KEY, tampered, 0, tampered.length))
                    .isEqualTo(new Rejected(Reason.AUTH_KEY_ID_MISMATCH));
        }
    }

    @Test
    void tooShortOrPartialBlockPacketsAreMalformed() {
        byte[] headerOnly = sealed(0, 32);
        assertThat(reject(headerOnly)).isEqualTo(Reason.MALFORMED);
        byte[] good = PacketCipher.encrypt(KEY, 0, message(1, 2, 3, 4, body(0, 0)), RANDOM);
        assertThat(good.length).isEqualTo(24 + 48);
        assertThat(PacketCipher.decryptFromClient(KEY, good, 0, good.length)).isInstanceOf(Decrypted.class);
        assertThat(PacketCipher.decryptFromClient(KEY, good, 0, good.length - 4)).isEqualTo(new Rejected(Reason.MALFORMED));
        assertThat(PacketCipher.decryptFromClient(KEY, Arrays.copyOf(good, good.length + 8), 0, good.length + 8))
                .isEqualTo(new Rejected(Reason.MALFORMED));
        assertThat(PacketCipher.decryptFromClient(KEY, new byte[0], 0, 0)).isEqualTo(new Rejected(Reason.MALFORMED));
        assertThatThrownBy(() -> PacketCipher.decryptFromClient(KEY, good, 8, good.length))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void messageDataLengthMustBeNonNegative() {
        assertThat(reject(sealed(-4, 48))).isEqualTo(Reason.BAD_MESSAGE_LENGTH);
        assertThat(reject(sealed(Integer.MIN_VALUE, 48))).isEqualTo(Reason.BAD_MESSAGE_LENGTH);
    }

    @Test
    void messageDataLengthMustBeAMultipleOfFour() {
        assertThat(reject(sealed(2, 48))).isEqualTo(Reason.BAD_MESSAGE_LENGTH);
        assertThat(reject(sealed(17, 64))).isEqualTo(Reason.BAD_MESSAGE_LENGTH);
    }

    @Test
    void paddingMustBeTwelveToOneThousandTwentyFourBytes() {
        assertThat(decrypted(decryptSealed(sealed(4, 48))).messageDataLength()).isEqualTo(4);
        assertThat(reject(sealed(8, 48))).isEqualTo(Reason.BAD_MESSAGE_LENGTH);
        assertThat(reject(sealed(16, 48))).isEqualTo(Reason.BAD_MESSAGE_LENGTH);
        assertThat(reject(sealed(Integer.MAX_VALUE - 3, 48))).isEqualTo(Reason.BAD_MESSAGE_LENGTH);

        assertThat(decrypted(decryptSealed(sealed(0, 32 + 1024))).messageDataLength()).isZero();
        assertThat(reject(sealed(0, 32 + 1040))).isEqualTo(Reason.BAD_MESSAGE_LENGTH);
        assertThat(decrypted(decryptSealed(sealed(16, 32 + 16 + 1024))).messageDataLength()).isEqualTo(16);
    }

    @Test
    void encryptRejectsPlaintextsThatAreNotAMessage() {
        assertThatThrownBy(() -> PacketCipher.encrypt(KEY, 0, new byte[28], RANDOM)).isInstanceOf(IllegalArgumentException.class);
        byte[] wrongLength = message(1, 2, 3, 4, body(8, 0));
        wrongLength[28] = 12;
        assertThatThrownBy(() -> PacketCipher.encrypt(KEY, 0, wrongLength, RANDOM)).isInstanceOf(IllegalArgumentException.class);
        byte[] unaligned = Arrays.copyOf(message(1, 2, 3, 4, body(0, 0)), 34);
        unaligned[28] = 2;
        assertThatThrownBy(() -> PacketCipher.encrypt(KEY, 0, unaligned, RANDOM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PacketCipher.encrypt(KEY, 4, message(1, 2, 3, 4, body(0, 0)), RANDOM))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A client-to-server packet whose padded plaintext is {@code plaintextLength} bytes with the given length field. */
    private static byte[] sealed(int messageDataLength, int plaintextLength) {
        byte[] packet = new byte[24 + plaintextLength];
        new Random(messageDataLength).nextBytes(packet);
        byte[] header = new TlWriter().writeLong(1).writeLong(2).writeLong(3).writeInt(4).writeInt(messageDataLength)
                .toByteArray();
        System.arraycopy(header, 0, packet, 24, Math.min(header.length, plaintextLength));
        return PacketCipher.seal(KEY, 0, packet);
    }

    private static Result decryptSealed(byte[] packet) {
        return PacketCipher.decryptFromClient(KEY, packet, 0, packet.length);
    }

    private static Reason reject(byte[] packet) {
        Result result = decryptSealed(packet);
        assertThat(result).isInstanceOf(Rejected.class);
        return ((Rejected) result).reason();
    }

    private static Decrypted decrypted(Result result) {
        assertThat(result).isInstanceOf(Decrypted.class);
        return (Decrypted) result;
    }

    private static byte[] message(long salt, long sessionId, long msgId, int seqNo, byte[] body) {
        return new TlWriter().writeLong(salt).writeLong(sessionId).writeLong(msgId).writeInt(seqNo)
                .writeInt(body.length).writeRaw(body).toByteArray();
    }

    private static byte[] body(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }
}
