package io.heliograph.platform.rpc;

/**
 * An auth key as the session service keeps it ({@code /internal/auth-keys/{id}}, JSON).
 *
 * @param authKey the 256-byte key, base64
 * @param expiresAt epoch seconds when a temporary key expires; 0 for a permanent key
 * @param permAuthKeyId for a temporary key, the permanent key it is bound to (0: unbound)
 * @param userId the user the permanent key (or the one a temporary key is bound to) is authorized as; 0 before login.
 *     Read only: set by login, ignored on registration.
 */
public record AuthKeyRecord(long authKeyId, String authKey, boolean temporary, long expiresAt, int dc, long permAuthKeyId,
        long userId) {
}
