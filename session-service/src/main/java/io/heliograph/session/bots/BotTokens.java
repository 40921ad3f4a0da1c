package io.heliograph.session.bots;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bot tokens in Telegram's form {@code <bot user id>:<secret>}, the secret 35 characters of {@code [A-Za-z0-9_-]}.
 * Only the SHA-256 of the secret is stored.
 */
public final class BotTokens {

    private static final Pattern TOKEN = Pattern.compile("([1-9][0-9]{0,18}):([A-Za-z0-9_-]{30,64})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A parsed token. */
    public record Token(long botUserId, String secret) {
    }

    private BotTokens() {
    }

    public static String newSecret() {
        byte[] bytes = new byte[27];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 35);
    }

    /** The token's parts; null when it is not of the form above. */
    public static Token parse(String token) {
        if (token == null || token.length() > 100) {
            return null;
        }
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            return null;
        }
        try {
            return new Token(Long.parseLong(m.group(1)), m.group(2));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Whether {@code secret} is the one whose hash is stored (constant time). */
    public static boolean matches(byte[] storedSha256, String secret) {
        return storedSha256 != null && MessageDigest.isEqual(storedSha256, sha256(secret));
    }
}
