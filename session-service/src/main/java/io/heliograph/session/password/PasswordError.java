package io.heliograph.session.password;

import io.heliograph.platform.rpc.RpcException;

/**
 * The Telegram errors of two-step verification, as {@code account.updatePasswordSettings} and
 * {@code auth.checkPassword} document them; {@code 420 FLOOD_WAIT_X} carries its seconds and is made by
 * {@link #floodWait}.
 *
 * @see <a href="https://core.telegram.org/method/account.updatePasswordSettings">account.updatePasswordSettings</a>
 * @see <a href="https://core.telegram.org/method/auth.checkPassword">auth.checkPassword</a>
 */
enum PasswordError {

    /** The SRP proof (A, M1) is wrong or malformed, or a password is set and {@code inputCheckPasswordEmpty} came. */
    PASSWORD_HASH_INVALID(400),
    /** No challenge with this srp_id (never issued, expired, or already used), or no login waiting for a password. */
    SRP_ID_INVALID(400),
    /** The challenge was issued for a password that has since been changed or removed. */
    SRP_PASSWORD_CHANGED(400),
    /** new_algo's salts are not the ones offered, extended by the client's 32 random bytes. */
    NEW_SALT_INVALID(400),
    /** new_algo is not the offered algorithm (g, p), or new_password_hash is not a verifier, or the hint is too long. */
    NEW_SETTINGS_INVALID(400),
    /** Nothing to do: no password is set and new_settings sets none. */
    NEW_SETTINGS_EMPTY(400),
    EMAIL_INVALID(400),
    /** An unbound temporary key has no permanent key to log in (the MTProto layer normally answers this first). */
    AUTH_KEY_PERM_EMPTY(401),
    /** Not logged in, and no login of this key waits for a password. */
    AUTH_KEY_UNREGISTERED(401);

    private final int code;

    PasswordError(int code) {
        this.code = code;
    }

    RpcException exception() {
        return new RpcException(code, name());
    }

    static RpcException floodWait(long seconds) {
        return new RpcException(420, "FLOOD_WAIT_" + Math.max(1, seconds));
    }
}
