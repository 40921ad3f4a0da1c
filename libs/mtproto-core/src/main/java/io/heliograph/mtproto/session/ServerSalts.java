package io.heliograph.mtproto.session;

import io.heliograph.tl.mtproto.FutureSalt;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server salts that rotate every 30 minutes, the previous one accepted for 30 minutes more. A salt is derived from a
 * server secret, the auth key id and the period number (HMAC-SHA256), so every gateway instance that shares the secret
 * agrees on every salt without storing any; the salt the key exchange produced is accepted for its first period.
 *
 * @see <a href="https://core.telegram.org/mtproto/service_messages#request-for-several-future-salts">Future salts</a>
 */
public final class ServerSalts {

    public static final long PERIOD_SECONDS = 1800;
    public static final long GRACE_SECONDS = 1800;

    private record Initial(long salt, long until) {
    }

    private final SecretKeySpec secret;
    private final Clock clock;
    private final Map<Long, Initial> initial = new ConcurrentHashMap<>();

    public ServerSalts(byte[] secret, Clock clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the salt secret needs at least 16 bytes");
        }
        this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.clock = clock;
    }

    /** The salt the client should use now. */
    public long current(long authKeyId) {
        return saltFor(authKeyId, slot(now()));
    }

    /** The current salt, the previous period's within its grace, or the key exchange's salt in its first period. */
    public boolean valid(long authKeyId, long salt) {
        long now = now();
        long slot = slot(now);
        if (salt == saltFor(authKeyId, slot)) {
            return true;
        }
        if (now < slot * PERIOD_SECONDS + GRACE_SECONDS && salt == saltFor(authKeyId, slot - 1)) {
            return true;
        }
        Initial first = initial.get(authKeyId);
        return first != null && first.salt() == salt && now < first.until();
    }

    /** Remembers the salt a key exchange ended with ({@code new_nonce[0:8] XOR server_nonce[0:8]}). */
    public void handshake(long authKeyId, long salt) {
        initial.put(authKeyId, new Initial(salt, now() + PERIOD_SECONDS));
    }

    /** The current and the next {@code count - 1} salts, with their validity (1..64). */
    public List<FutureSalt> future(long authKeyId, int count) {
        int n = Math.max(1, Math.min(64, count));
        long slot = slot(now());
        List<FutureSalt> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long s = slot + i;
            out.add(new FutureSalt((int) (s * PERIOD_SECONDS), (int) ((s + 1) * PERIOD_SECONDS + GRACE_SECONDS),
                    saltFor(authKeyId, s)));
        }
        return out;
    }

    private long now() {
        return clock.millis() / 1000;
    }

    private static long slot(long seconds) {
        return seconds / PERIOD_SECONDS;
    }

    private long saltFor(long authKeyId, long slot) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            byte[] in = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(authKeyId).putLong(slot).array();
            return ByteBuffer.wrap(mac.doFinal(in)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
