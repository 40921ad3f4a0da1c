package io.heliograph.session.password;

import io.heliograph.tl.api.AccountPasswordInputSettings;
import io.heliograph.tl.api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow;
import io.heliograph.tl.api.TAccountPasswordInputSettings;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * What {@code account.passwordInputSettings} asks for, checked against what {@code account.getPassword} offered: a
 * pure function, applied before the current password is checked so a bad request changes nothing.
 *
 * <p>Rules: a new password comes as the offered {@code new_algo} with {@code salt1} = the offered salt1 followed by
 * exactly {@value #CLIENT_SALT_BYTES} bytes of the client's (the spec's "append 32 random bytes"), {@code salt2} as
 * offered ({@code NEW_SALT_INVALID} otherwise), g and p as offered and a verifier {@code 1 < v < p-1} of at most 256
 * bytes ({@code NEW_SETTINGS_INVALID} otherwise). An empty {@code new_password_hash} removes the password, whatever
 * {@code new_algo} (tdlib sends {@code passwordKdfAlgoUnknown}, GramJS the offered algorithm). Without
 * {@code new_algo} only {@code email} may change. The secure settings (Telegram Passport) are ignored.
 *
 * @see <a href="https://core.telegram.org/api/srp#setting-a-new-2fa-password">Setting a new 2FA password</a>
 */
final class NewPasswordSettings {

    /** The random bytes a client appends to the offered salt1. */
    static final int CLIENT_SALT_BYTES = 32;
    static final int MAX_HINT_LENGTH = 128;
    static final int MAX_EMAIL_LENGTH = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** The change asked for. */
    sealed interface Change {
    }

    /** Set or replace the password; a null email keeps the stored one. */
    record SetPassword(StoredPassword.Current password, String hint, String email) implements Change {
    }

    record RemovePassword() implements Change {
    }

    /** Only the recovery email changes (a password is set). */
    record SetEmail(String email) implements Change {
    }

    /** A password is set and nothing changes. */
    record NoChange() implements Change {
    }

    private NewPasswordSettings() {
    }

    /**
     * @param stored the user's row (offered salts and current password), null when {@code account.getPassword} never
     *        offered any
     * @throws io.heliograph.platform.rpc.RpcException NEW_SALT_INVALID, NEW_SETTINGS_INVALID, NEW_SETTINGS_EMPTY or
     *         EMAIL_INVALID
     */
    static Change validate(TAccountPasswordInputSettings input, StoredPassword stored) {
        AccountPasswordInputSettings settings = (AccountPasswordInputSettings) input;
        boolean hasPassword = stored != null && stored.hasPassword();
        String email = email(settings.email());
        if (settings.newAlgo() == null) {
            if (!hasPassword) {
                throw PasswordError.NEW_SETTINGS_EMPTY.exception();
            }
            return email == null ? new NoChange() : new SetEmail(email);
        }
        if (settings.newPasswordHash().length == 0) {
            if (!hasPassword) {
                throw PasswordError.NEW_SETTINGS_EMPTY.exception();
            }
            return new RemovePassword();
        }
        if (!(settings.newAlgo() instanceof PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow algo)) {
            throw PasswordError.NEW_SETTINGS_INVALID.exception();
        }
        if (algo.g() != Srp.G || !Srp.P.equals(Srp.unsigned(algo.p()))) {
            throw PasswordError.NEW_SETTINGS_INVALID.exception();
        }
        if (stored == null || !isOfferedSalt1(stored.newSalt1(), algo.salt1())
                || !Arrays.equals(stored.newSalt2(), algo.salt2())) {
            throw PasswordError.NEW_SALT_INVALID.exception();
        }
        if (!Srp.isValidVerifier(settings.newPasswordHash()) || settings.hint().length() > MAX_HINT_LENGTH) {
            throw PasswordError.NEW_SETTINGS_INVALID.exception();
        }
        byte[] verifier = Srp.pad(settings.newPasswordHash());
        return new SetPassword(new StoredPassword.Current(algo.salt1(), algo.salt2(), Srp.G, Srp.primeBytes(), verifier),
                settings.hint(), email);
    }

    /** {@code salt1} is {@code offered} followed by exactly {@value #CLIENT_SALT_BYTES} bytes. */
    static boolean isOfferedSalt1(byte[] offered, byte[] salt1) {
        return offered != null && salt1.length == offered.length + CLIENT_SALT_BYTES
                && Arrays.equals(salt1, 0, offered.length, offered, 0, offered.length);
    }

    /** The email, null when absent or empty; {@code EMAIL_INVALID} when it does not look like one. */
    private static String email(String email) {
        if (email == null || email.isEmpty()) {
            return null;
        }
        if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
            throw PasswordError.EMAIL_INVALID.exception();
        }
        return email;
    }
}
