package io.heliograph.session.users;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access hashes: the proof that a caller may refer to a user, as Telegram's {@code inputUser(id, access_hash)}
 * requires. The hash user U shows viewer V is the first 64 bits of HMAC-SHA256 keyed by U's secret over V's id, so it
 * is stable per viewer, differs between viewers, and cannot be computed without having been given it.
 */
public final class AccessHashes {

    /** Bytes of a user's access hash secret. */
    public static final int SECRET_LENGTH = 32;

    private AccessHashes() {
    }

    public static long of(byte[] secret, long viewerUserId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(ByteBuffer.allocate(8).putLong(viewerUserId).array());
            return ByteBuffer.wrap(digest, 0, 8).getLong();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    /** Whether {@code accessHash} is the hash of the user with {@code secret} for this viewer (constant time). */
    public static boolean verify(byte[] secret, long viewerUserId, long accessHash) {
        byte[] expected = ByteBuffer.allocate(8).putLong(of(secret, viewerUserId)).array();
        byte[] given = ByteBuffer.allocate(8).putLong(accessHash).array();
        return MessageDigest.isEqual(expected, given);
    }
}
