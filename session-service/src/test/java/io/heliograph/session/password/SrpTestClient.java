package io.heliograph.session.password;

import io.heliograph.tl.api.AccountPassword;
import io.heliograph.tl.api.AccountPasswordInputSettings;
import io.heliograph.tl.api.InputCheckPasswordSRP;
import io.heliograph.tl.api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow;
import io.heliograph.tl.api.PasswordKdfAlgoUnknown;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The client side of Telegram's SRP, for tests: what GramJS ({@code telegram/Password} computeCheck / computeDigest)
 * and tdlib do with {@code account.password}, written from the spec: the proof {@code (A, M1)} for a password, the
 * verifier for a new one, and the salt1 a client derives from the offered one.
 *
 * @see <a href="https://core.telegram.org/api/srp">Two-factor authentication</a>
 */
public final class SrpTestClient {

    private static final BigInteger MARGIN = BigInteger.ONE.shiftLeft(2048 - 64);

    private final SecureRandom random;

    public SrpTestClient(SecureRandom random) {
        this.random = random;
    }

    /** The proof of knowing {@code password} for the challenge in {@code state} (which must have a password). */
    public InputCheckPasswordSRP check(AccountPassword state, String password) {
        var algo = (PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow) state.currentAlgo();
        BigInteger x = Srp.x(password.getBytes(StandardCharsets.UTF_8), algo.salt1(), algo.salt2());
        return check(algo, state.srpB(), state.srpId(), x);
    }

    /** The proof for an already derived {@code x}: a fresh {@code a} each time, as real clients draw. */
    InputCheckPasswordSRP check(PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow algo, byte[] srpB,
            long srpId, BigInteger x) {
        BigInteger p = new BigInteger(1, algo.p());
        BigInteger g = BigInteger.valueOf(algo.g());
        byte[] pBytes = Srp.pad(p);
        byte[] gBytes = Srp.pad(g);
        BigInteger b = new BigInteger(1, srpB);
        if (b.signum() <= 0 || b.compareTo(p) >= 0) {
            throw new IllegalArgumentException("srp_B out of range");
        }
        BigInteger k = new BigInteger(1, Srp.sha256(pBytes, gBytes));
        BigInteger kgx = k.multiply(g.modPow(x, p)).mod(p);
        BigInteger gb = b.subtract(kgx).mod(p);
        if (!good(gb, p)) {
            throw new IllegalArgumentException("g^b of the server is not a good value");
        }
        while (true) {
            BigInteger a = new BigInteger(2048, random);
            BigInteger bigA = g.modPow(a, p);
            if (!good(bigA, p)) {
                continue;
            }
            byte[] aBytes = Srp.pad(bigA);
            byte[] bBytes = Srp.pad(b);
            BigInteger u = new BigInteger(1, Srp.sha256(aBytes, bBytes));
            if (u.signum() == 0) {
                continue;
            }
            BigInteger s = gb.modPow(a.add(u.multiply(x)), p);
            byte[] sessionKey = Srp.sha256(Srp.pad(s));
            byte[] hp = Srp.sha256(pBytes);
            byte[] hg = Srp.sha256(gBytes);
            for (int i = 0; i < hp.length; i++) {
                hp[i] ^= hg[i];
            }
            byte[] m1 = Srp.sha256(hp, Srp.sha256(algo.salt1()), Srp.sha256(algo.salt2()), aBytes, bBytes, sessionKey);
            return new InputCheckPasswordSRP(srpId, aBytes, m1);
        }
    }

    /** The settings that set {@code password}: the offered new_algo, salt1 extended by 32 random bytes, and v. */
    public AccountPasswordInputSettings newPassword(AccountPassword state, String password, String hint) {
        var offered = (PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow) state.newAlgo();
        byte[] salt1 = Arrays.copyOf(offered.salt1(), offered.salt1().length + 32);
        byte[] tail = new byte[32];
        random.nextBytes(tail);
        System.arraycopy(tail, 0, salt1, offered.salt1().length, 32);
        var algo = new PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow(salt1, offered.salt2(),
                offered.g(), offered.p());
        byte[] v = Srp.verifier(Srp.x(password.getBytes(StandardCharsets.UTF_8), salt1, offered.salt2()));
        return new AccountPasswordInputSettings(algo, v, hint, null, null);
    }

    /** The settings that remove the password, as tdlib sends them. */
    static AccountPasswordInputSettings removal() {
        return new AccountPasswordInputSettings(new PasswordKdfAlgoUnknown(), new byte[0], "", null, null);
    }

    private static boolean good(BigInteger value, BigInteger p) {
        return value.compareTo(MARGIN) >= 0 && p.subtract(value).compareTo(MARGIN) >= 0;
    }
}
