package io.heliograph.mtproto.crypto;

import io.heliograph.tl.TlWriter;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * The server's RSA keys as MTProto clients know them: PKCS#1 PEM public keys and the 64-bit fingerprint that
 * {@code resPQ} announces (the low 64 bits of SHA-1 over the TL serialisation of {@code rsa_public_key n:bytes e:bytes}).
 *
 * @see <a href="https://core.telegram.org/mtproto/auth_key">Creating an Authorization Key</a>
 */
public final class RsaKeys {

    private static final String PKCS1_PUBLIC = "RSA PUBLIC KEY";
    private static final String PKCS8_PRIVATE = "PRIVATE KEY";

    private RsaKeys() {
    }

    /** Fingerprint as clients compute it: SHA-1 bytes 12..20 of TL(n, e), read as a little-endian int64. */
    public static long fingerprint(RSAPublicKey key) {
        byte[] tl = new TlWriter(300)
                .writeBytes(unsigned(key.getModulus()))
                .writeBytes(unsigned(key.getPublicExponent()))
                .toByteArray();
        byte[] sha1 = sha1(tl);
        long fp = 0;
        for (int i = 19; i >= 12; i--) {
            fp = (fp << 8) | (sha1[i] & 0xff);
        }
        return fp;
    }

    /**
     * The fingerprint as unpadded lower-case hex of its unsigned value, the form some clients (mtcute) use to look a
     * key up; such clients cannot find a key whose padded hex starts with 0.
     */
    public static String fingerprintHex(long fingerprint) {
        return Long.toUnsignedString(fingerprint, 16);
    }

    /** True when every known client can look this key up (see {@link #fingerprintHex}). */
    public static boolean isClientFriendly(RSAPublicKey key) {
        return HexFormat.of().toHexDigits(fingerprint(key)).charAt(0) != '0';
    }

    /** Generates a 2048-bit key with e = 65537 whose fingerprint every client can look up. */
    public static KeyPair generateServerKey(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new java.security.spec.RSAKeyGenParameterSpec(2048, java.security.spec.RSAKeyGenParameterSpec.F4), random);
            while (true) {
                KeyPair pair = generator.generateKeyPair();
                if (isClientFriendly((RSAPublicKey) pair.getPublic())) {
                    return pair;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation unavailable", e);
        }
    }

    public static String toPkcs1Pem(RSAPublicKey key) {
        try {
            byte[] der = new org.bouncycastle.asn1.pkcs.RSAPublicKey(key.getModulus(), key.getPublicExponent()).getEncoded();
            return pem(PKCS1_PUBLIC, der);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAPublicKey parsePkcs1Pem(String pem) {
        byte[] der = unpem(PKCS1_PUBLIC, pem);
        try {
            org.bouncycastle.asn1.pkcs.RSAPublicKey parsed =
                    org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(ASN1Primitive.fromByteArray(der));
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(parsed.getModulus(), parsed.getPublicExponent()));
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PKCS#1 RSA public key: " + e.getMessage(), e);
        }
    }

    public static String toPkcs8Pem(RSAPrivateCrtKey key) {
        return pem(PKCS8_PRIVATE, key.getEncoded());
    }

    /** Reads a PKCS#8 private key and derives its public half, so one file holds the whole key pair. */
    public static KeyPair parsePkcs8Pem(String pem) {
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey priv = (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(unpem(PKCS8_PRIVATE, pem)));
            RSAPublicKey pub = (RSAPublicKey) factory.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
            return new KeyPair(pub, priv);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not a PKCS#8 RSA private key: " + e.getMessage(), e);
        }
    }

    /** Big-endian magnitude without the sign byte, as TL {@code bytes} carry big numbers. */
    static byte[] unsigned(BigInteger value) {
        byte[] b = value.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            return java.util.Arrays.copyOfRange(b, 1, b.length);
        }
        return b;
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String type, String pem) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("expected a PEM block of type '" + type + "'");
        }
        String body = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM block '" + type + "' is not valid base64", e);
        }
    }
}
