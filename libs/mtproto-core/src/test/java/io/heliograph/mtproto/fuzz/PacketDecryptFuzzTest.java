package io.heliograph.mtproto.fuzz;

import static io.heliograph.mtproto.fuzz.TlChecks.check;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.heliograph.mtproto.crypto.AuthKey;
import io.heliograph.mtproto.crypto.MessageKeys;
import io.heliograph.mtproto.crypto.PacketCipher;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link PacketCipher#decrypt} and then TL decoding of the message body, without the transport. The first input
 * byte chooses:
 *
 * <ul>
 *   <li>bit 0 clear: the rest is a packet as received (bit 1 set: its first 8 bytes are replaced by the key's
 *       auth_key_id, so it gets to the msg_key check). Decryption must reject it or return a plaintext whose
 *       lengths are within bounds, and must not modify it;
 *   <li>bit 0 set: the rest (zero-padded to whole blocks, at least 48 bytes) is a plaintext that is sealed with the
 *       key, as a client would, and then decrypted: only message_data_length/padding checks may reject it, and an
 *       accepted one must be the plaintext sealed;
 *   <li>bit 2: the temporary key instead of the permanent one; bit 3: x = 8 (server to client) instead of 0.
 * </ul>
 *
 * An accepted body goes through every TL decoder ({@link TlChecks}).
 */
class PacketDecryptFuzzTest {

    @BeforeAll
    static void dictionary() throws IOException {
        TlDictionary.writeIfRequested();
    }

    @FuzzTest(maxDuration = "20s")
    void decrypt(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int flags = data[0] & 0xff;
        AuthKey key = (flags & 4) != 0 ? FuzzFixtures.TEMP_KEY : FuzzFixtures.PERM_KEY;
        int x = (flags & 8) != 0 ? MessageKeys.SERVER_TO_CLIENT : MessageKeys.CLIENT_TO_SERVER;
        byte[] rest = Arrays.copyOfRange(data, 1, data.length);
        byte[] packet;
        byte[] sealed = null;
        if ((flags & 1) == 0) {
            packet = rest;
            if ((flags & 2) != 0 && packet.length >= 8) {
                System.arraycopy(FuzzFixtures.seal(key, x, new byte[48]), 0, packet, 0, 8);
            }
        } else {
            sealed = Arrays.copyOf(rest, Math.max(48, (rest.length + 15) / 16 * 16));
            packet = FuzzFixtures.seal(key, x, sealed);
        }
        byte[] copy = packet.clone();
        PacketCipher.Result result = PacketCipher.decrypt(key, x, packet, 0, packet.length);
        check(Arrays.equals(copy, packet), "decrypt modified its input");
        if (result instanceof PacketCipher.Rejected rejected) {
            check(sealed == null || rejected.reason() == PacketCipher.Reason.BAD_MESSAGE_LENGTH,
                    "a correctly sealed packet was rejected: " + rejected.reason());
            return;
        }
        PacketCipher.Decrypted d = (PacketCipher.Decrypted) result;
        byte[] plain = d.plaintext();
        int len = d.messageDataLength();
        check(plain.length == packet.length - PacketCipher.PREFIX_LENGTH, "plaintext length");
        check(len >= 0 && len % 4 == 0, "message_data_length " + len);
        int padding = plain.length - PacketCipher.HEADER_LENGTH - len;
        check(padding >= PacketCipher.MIN_PADDING && padding <= PacketCipher.MAX_PADDING, "padding " + padding);
        check(sealed == null || Arrays.equals(sealed, plain), "decrypted plaintext differs from the one sealed");
        TlChecks.decodeEverywhere(plain, PacketCipher.HEADER_LENGTH, len);
    }
}
