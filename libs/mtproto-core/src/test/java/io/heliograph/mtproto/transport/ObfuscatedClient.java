package io.heliograph.mtproto.transport;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of obfuscated2 as the spec describes it: a random 64-byte init avoiding the other transports'
 * markers, the tag at 56 and the DC id at 60, encrypted with the key/IV at 8..40/40..56; the client sends init[0..56]
 * as generated followed by the encrypted bytes 56..64, and decrypts with the key/IV at the same offsets of the
 * reversed init.
 */
final class ObfuscatedClient {

    final byte[] header;
    private final Cipher encrypt;
    private final Cipher decrypt;

    ObfuscatedClient(int tag, int dcId, Random random) {
        byte[] init = new byte[64];
        do {
            random.nextBytes(init);
        } while (forbidden(init));
        System.arraycopy(TransportTests.le32(tag), 0, init, 56, 4);
        init[60] = (byte) dcId;
        init[61] = (byte) (dcId >>> 8);
        encrypt = aesCtr(Arrays.copyOfRange(init, 8, 40), Arrays.copyOfRange(init, 40, 56));
        byte[] encrypted = encrypt.update(init);
        header = init.clone();
        System.arraycopy(encrypted, 56, header, 56, 8);
        byte[] reversed = new byte[64];
        for (int i = 0; i < 64; i++) {
            reversed[i] = init[63 - i];
        }
        decrypt = aesCtr(Arrays.copyOfRange(reversed, 8, 40), Arrays.copyOfRange(reversed, 40, 56));
    }

    byte[] encrypt(byte[] plain) {
        return encrypt.update(plain);
    }

    byte[] decrypt(byte[] encrypted) {
        return decrypt.update(encrypted);
    }

    /** The header followed by {@code plain} encrypted, as it goes on the wire. */
    byte[] wire(byte[] plain) {
        return TransportTests.concat(header, encrypt(plain));
    }

    private static boolean forbidden(byte[] init) {
        int first = TransportTests.le32(init, 0);
        String ascii = new String(init, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        return (init[0] & 0xff) == 0xef
                || first == 0xeeeeeeee
                || first == 0xdddddddd
                || ascii.equals("POST") || ascii.equals("GET ") || ascii.equals("HEAD") || ascii.equals("OPTI")
                || TransportTests.le32(init, 4) == 0;
    }

    private static Cipher aesCtr(byte[] key, byte[] iv) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
