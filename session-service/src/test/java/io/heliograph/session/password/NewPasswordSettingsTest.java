package io.heliograph.session.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.events.UserId;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.tl.api.AccountPasswordInputSettings;
import io.heliograph.tl.api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow;
import io.heliograph.tl.api.PasswordKdfAlgoUnknown;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What account.updatePasswordSettings accepts as new settings, against the offered salts. */
class NewPasswordSettingsTest {

    static final byte[] SALT1 = {1, 2, 3, 4, 5, 6, 7, 8};
    static final byte[] SALT2 = {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
    static final byte[] VERIFIER = Srp.pad(BigInteger.valueOf(3).modPow(BigInteger.valueOf(123456789), Srp.P));
    static final StoredPassword OFFERED = new StoredPassword(UserId.of(1), SALT1, SALT2, new byte[8], null, null, null);
    static final StoredPassword WITH_PASSWORD = new StoredPassword(UserId.of(1), SALT1, SALT2, new byte[8],
            new StoredPassword.Current(extended(SALT1), SALT2, 3, Srp.primeBytes(), VERIFIER), "hint", null);

    static byte[] extended(byte[] salt1) {
        byte[] out = Arrays.copyOf(salt1, salt1.length + 32);
        Arrays.fill(out, salt1.length, out.length, (byte) 0x5a);
        return out;
    }

    static AccountPasswordInputSettings set(byte[] salt1, byte[] salt2, int g, byte[] p, byte[] hash, String hint) {
        return new AccountPasswordInputSettings(
                new PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow(salt1, salt2, g, p), hash, hint,
                null, null);
    }

    static void assertError(AccountPasswordInputSettings settings, StoredPassword stored, String type) {
        assertThatThrownBy(() -> NewPasswordSettings.validate(settings, stored))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.type()).isEqualTo(type);
                    assertThat(e.code()).isEqualTo(400);
                });
    }

    @Test
    void aNewPasswordUsesTheOfferedSaltsExtendedBy32Bytes() {
        var change = NewPasswordSettings.validate(set(extended(SALT1), SALT2, 3, Srp.primeBytes(), VERIFIER, "h"), OFFERED);
        assertThat(change).isInstanceOfSatisfying(NewPasswordSettings.SetPassword.class, s -> {
            assertThat(s.password().salt1()).isEqualTo(extended(SALT1));
            assertThat(s.password().salt2()).isEqualTo(SALT2);
            assertThat(s.password().verifier()).isEqualTo(VERIFIER);
            assertThat(s.hint()).isEqualTo("h");
        });
        // a verifier shorter than 256 bytes is stored padded
        byte[] shortHash = {0x11, 0x22};
        assertThat(NewPasswordSettings.validate(set(extended(SALT1), SALT2, 3, Srp.primeBytes(), shortHash, ""), OFFERED))
                .isInstanceOfSatisfying(NewPasswordSettings.SetPassword.class,
                        s -> assertThat(s.password().verifier()).hasSize(256).endsWith(0x11, 0x22));
        // changing a password follows the same rules
        assertThat(NewPasswordSettings.validate(set(extended(SALT1), SALT2, 3, Srp.primeBytes(), VERIFIER, ""),
                WITH_PASSWORD)).isInstanceOf(NewPasswordSettings.SetPassword.class);
    }

    @Test
    void saltsThatAreNotTheOfferedOnesAreNewSaltInvalid() {
        byte[] p = Srp.primeBytes();
        assertError(set(SALT1, SALT2, 3, p, VERIFIER, ""), OFFERED, "NEW_SALT_INVALID");
        assertError(set(Arrays.copyOf(extended(SALT1), 39), SALT2, 3, p, VERIFIER, ""), OFFERED, "NEW_SALT_INVALID");
        assertError(set(Arrays.copyOf(extended(SALT1), 41), SALT2, 3, p, VERIFIER, ""), OFFERED, "NEW_SALT_INVALID");
        byte[] otherPrefix = extended(SALT1);
        otherPrefix[0] ^= 1;
        assertError(set(otherPrefix, SALT2, 3, p, VERIFIER, ""), OFFERED, "NEW_SALT_INVALID");
        byte[] otherSalt2 = SALT2.clone();
        otherSalt2[15] ^= 1;
        assertError(set(extended(SALT1), otherSalt2, 3, p, VERIFIER, ""), OFFERED, "NEW_SALT_INVALID");
        assertError(set(extended(SALT1), Arrays.copyOf(SALT2, 48), 3, p, VERIFIER, ""), OFFERED, "NEW_SALT_INVALID");
        // never offered (no account.getPassword before)
        assertError(set(extended(SALT1), SALT2, 3, p, VERIFIER, ""), null, "NEW_SALT_INVALID");
    }

    @Test
    void anotherGroupOrABadVerifierIsNewSettingsInvalid() {
        byte[] salt1 = extended(SALT1);
        byte[] otherP = Srp.primeBytes();
        otherP[255] ^= 2;
        assertError(set(salt1, SALT2, 3, otherP, VERIFIER, ""), OFFERED, "NEW_SETTINGS_INVALID");
        assertError(set(salt1, SALT2, 2, Srp.primeBytes(), VERIFIER, ""), OFFERED, "NEW_SETTINGS_INVALID");
        assertError(set(salt1, SALT2, 3, Srp.primeBytes(), Srp.primeBytes(), ""), OFFERED, "NEW_SETTINGS_INVALID");
        assertError(set(salt1, SALT2, 3, Srp.primeBytes(), new byte[] {1}, ""), OFFERED, "NEW_SETTINGS_INVALID");
        assertError(set(salt1, SALT2, 3, Srp.primeBytes(), new byte[257], ""), OFFERED, "NEW_SETTINGS_INVALID");
        assertError(set(salt1, SALT2, 3, Srp.primeBytes(), VERIFIER, "h".repeat(129)), OFFERED, "NEW_SETTINGS_INVALID");
        assertError(new AccountPasswordInputSettings(new PasswordKdfAlgoUnknown(), VERIFIER, "", null, null), OFFERED,
                "NEW_SETTINGS_INVALID");
    }

    @Test
    void anEmptyHashRemovesThePasswordOnlyWhenOneIsSet() {
        var tdlib = new AccountPasswordInputSettings(new PasswordKdfAlgoUnknown(), new byte[0], "", null, null);
        var gramjs = set(extended(SALT1), SALT2, 3, Srp.primeBytes(), new byte[0], "");
        assertThat(NewPasswordSettings.validate(tdlib, WITH_PASSWORD)).isInstanceOf(NewPasswordSettings.RemovePassword.class);
        assertThat(NewPasswordSettings.validate(gramjs, WITH_PASSWORD)).isInstanceOf(NewPasswordSettings.RemovePassword.class);
        assertError(tdlib, OFFERED, "NEW_SETTINGS_EMPTY");
        assertError(tdlib, null, "NEW_SETTINGS_EMPTY");
    }

    @Test
    void withoutNewAlgoOnlyTheEmailChanges() {
        var none = new AccountPasswordInputSettings(null, null, null, null, null);
        var email = new AccountPasswordInputSettings(null, null, null, "someone@example.org", null);
        assertThat(NewPasswordSettings.validate(none, WITH_PASSWORD)).isInstanceOf(NewPasswordSettings.NoChange.class);
        assertThat(NewPasswordSettings.validate(email, WITH_PASSWORD))
                .isEqualTo(new NewPasswordSettings.SetEmail("someone@example.org"));
        assertError(none, OFFERED, "NEW_SETTINGS_EMPTY");
        assertError(email, OFFERED, "NEW_SETTINGS_EMPTY");
        assertError(new AccountPasswordInputSettings(null, null, null, "not an email", null), WITH_PASSWORD,
                "EMAIL_INVALID");
    }
}
