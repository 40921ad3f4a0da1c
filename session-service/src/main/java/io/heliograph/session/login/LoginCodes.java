package io.heliograph.session.login;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.cassandra.Cql;
import io.heliograph.session.dcs.Dcs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Login codes in this DC's {@code login_codes} (row TTL {@code codeRetention}) and the sends per phone in
 * {@code login_code_sends} (TTL one hour, the flood window), so any instance of the DC verifies a code another sent.
 * Every try claims an attempt first with a lightweight transaction on {@code attempts}, and only then compares the
 * code, so concurrent guesses cannot test more codes than {@code maxAttempts}.
 */
@Component
public class LoginCodes {

    public static final int CODE_LENGTH = 5;
    static final Duration FLOOD_WINDOW = Duration.ofHours(1);
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern CODE = Pattern.compile("[0-9]{1,16}");
    private static final String COLUMNS = "phone, phone_code_hash, code, sent_at, expires_at, attempts, verified";
    private static final int CLAIM_TRIES = 4;

    private final Cql cql;
    private final Dcs dcs;
    private final LoginProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final String insertCode;
    private final String insertSend;
    private final String selectCode;
    private final String selectSends;
    private final String claimAttempt;
    private final String markVerified;
    private final String deleteCode;

    public LoginCodes(Cql cql, Dcs dcs, LoginProperties properties, Clock clock) {
        this.cql = cql;
        this.dcs = dcs;
        this.properties = properties;
        this.clock = clock;
        String ks = dcs.keyspaceOf(dcs.thisDc());
        insertCode = "INSERT INTO " + ks + ".login_codes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, 0, false) USING TTL ?";
        insertSend = "INSERT INTO " + ks + ".login_code_sends (phone, sent_at, phone_code_hash) VALUES (?, ?, ?) "
                + "USING TTL ?";
        selectCode = "SELECT " + COLUMNS + " FROM " + ks + ".login_codes WHERE phone = ? AND phone_code_hash = ?";
        selectSends = "SELECT sent_at FROM " + ks + ".login_code_sends WHERE phone = ? AND sent_at > ?";
        claimAttempt = "UPDATE " + ks + ".login_codes USING TTL ? SET attempts = ? WHERE phone = ? AND phone_code_hash = ? "
                + "IF attempts = ?";
        markVerified = "UPDATE " + ks + ".login_codes USING TTL ? SET verified = true WHERE phone = ? "
                + "AND phone_code_hash = ? IF EXISTS";
        deleteCode = "DELETE FROM " + ks + ".login_codes WHERE phone = ? AND phone_code_hash = ?";
    }

    /**
     * Creates and stores a new code for the phone, or {@code 420 FLOOD_WAIT_X} when it had {@code codesPerHour}
     * codes in the last hour (X: seconds until the oldest of them leaves the window).
     */
    public Mono<LoginCode> issue(String phone) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            return cql.rows(selectSends, phone, now.minus(FLOOD_WINDOW))
                    .map(row -> row.getInstant("sent_at"))
                    .collectList()
                    .flatMap(sends -> {
                        if (sends.size() >= properties.codesPerHour()) {
                            List<Instant> newest = sends.stream().sorted(Comparator.reverseOrder())
                                    .limit(properties.codesPerHour()).toList();
                            Instant free = newest.get(newest.size() - 1).plus(FLOOD_WINDOW);
                            long wait = Math.max(1, Duration.between(now, free).toSeconds() + 1);
                            return Mono.error(new RpcException(420, "FLOOD_WAIT_" + wait));
                        }
                        LoginCode code = new LoginCode(phone, newHash(), newCode(phone), now,
                                now.plus(properties.codeLifetime()), 0, false);
                        return Flux.concat(
                                        cql.bind(insertCode, phone, code.hash(), code.code(), now, code.expiresAt(),
                                                seconds(properties.codeRetention())),
                                        cql.bind(insertSend, phone, now, code.hash(), seconds(FLOOD_WINDOW)))
                                .collectList()
                                .flatMap(cql::loggedBatch)
                                .thenReturn(code);
                    });
        });
    }

    /** The code: X repeated five times for a test number {@code 99966XYYYY}, else five random digits. */
    String newCode(String phone) {
        OptionalInt test = dcs.rules().testNumberDc(phone);
        if (test.isPresent()) {
            return Integer.toString(test.getAsInt()).repeat(CODE_LENGTH);
        }
        return String.format("%05d", random.nextInt(100_000));
    }

    private String newHash() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Tries {@code code} against the phone's code {@code hash}: the code when right (an attempt is used either way);
     * {@code PHONE_CODE_HASH_EMPTY}, {@code PHONE_CODE_EMPTY}, {@code PHONE_CODE_INVALID} (wrong, or no such code),
     * {@code PHONE_CODE_EXPIRED} (too old, or killed by {@code maxAttempts} wrong codes) otherwise.
     */
    public Mono<LoginCode> check(String phone, String hash, String code) {
        return Mono.defer(() -> {
            requireHash(hash);
            if (code == null || code.isEmpty()) {
                return Mono.error(RpcException.badRequest("PHONE_CODE_EMPTY"));
            }
            if (!HASH.matcher(hash).matches() || !CODE.matcher(code).matches()) {
                return Mono.error(RpcException.badRequest("PHONE_CODE_INVALID"));
            }
            return claim(phone, hash, CLAIM_TRIES).map(claimed -> {
                if (!MessageDigest.isEqual(claimed.code().getBytes(StandardCharsets.US_ASCII),
                        code.getBytes(StandardCharsets.US_ASCII))) {
                    throw RpcException.badRequest("PHONE_CODE_INVALID");
                }
                return claimed;
            });
        });
    }

    /** A live code for which the right code was given ({@link #markVerified}): what sign-up requires. */
    public Mono<LoginCode> requireVerified(String phone, String hash) {
        return Mono.defer(() -> {
            requireHash(hash);
            if (!HASH.matcher(hash).matches()) {
                return Mono.error(RpcException.badRequest("PHONE_CODE_EXPIRED"));
            }
            return find(phone, hash)
                    .switchIfEmpty(Mono.error(() -> RpcException.badRequest("PHONE_CODE_EXPIRED")))
                    .map(c -> {
                        if (dead(c, clock.instant())) {
                            throw RpcException.badRequest("PHONE_CODE_EXPIRED");
                        }
                        if (!c.verified()) {
                            throw RpcException.badRequest("PHONE_CODE_INVALID");
                        }
                        return c;
                    });
        });
    }

    /** Remembers that the right code was given for a phone without a user, so sign-up may use the hash. */
    public Mono<Void> markVerified(LoginCode code) {
        return cql.run(markVerified, remainingTtl(code), code.phone(), code.hash());
    }

    /** Deletes the code once it logged someone in: for the login's batch. */
    public Mono<BoundStatement> consume(LoginCode code) {
        return cql.bind(deleteCode, code.phone(), code.hash());
    }

    /** auth.cancelCode: the code is forgotten (unknown codes too). */
    public Mono<Void> cancel(String phone, String hash) {
        return Mono.defer(() -> {
            requireHash(hash);
            return cql.run(deleteCode, phone, hash);
        });
    }

    /** The most recent code of a phone in DC {@code dc}'s keyspace (operator endpoint). */
    public Mono<LoginCode> latest(String phone, int dc) {
        return cql.rows("SELECT " + COLUMNS + " FROM " + dcs.keyspaceOf(dc) + ".login_codes WHERE phone = ?", phone)
                .map(LoginCodes::loginCode)
                .sort(Comparator.comparing(LoginCode::sentAt).reversed())
                .next();
    }

    private Mono<LoginCode> claim(String phone, String hash, int tries) {
        return find(phone, hash)
                .switchIfEmpty(Mono.error(() -> RpcException.badRequest("PHONE_CODE_INVALID")))
                .flatMap(c -> {
                    if (dead(c, clock.instant())) {
                        return Mono.error(RpcException.badRequest("PHONE_CODE_EXPIRED"));
                    }
                    return cql.applied(claimAttempt, remainingTtl(c), c.attempts() + 1, phone, hash, c.attempts())
                            .flatMap(applied -> {
                                if (applied) {
                                    return Mono.just(c);
                                }
                                if (tries <= 1) {
                                    // so many concurrent tries on one code that it cannot be counted: refuse
                                    return Mono.error(new RpcException(420, "FLOOD_WAIT_1"));
                                }
                                return claim(phone, hash, tries - 1);
                            });
                });
    }

    private boolean dead(LoginCode c, Instant now) {
        return c.attempts() >= properties.maxAttempts() || !now.isBefore(c.expiresAt());
    }

    private Mono<LoginCode> find(String phone, String hash) {
        return cql.one(selectCode, phone, hash).map(LoginCodes::loginCode);
    }

    private int remainingTtl(LoginCode c) {
        Duration left = Duration.between(clock.instant(), c.sentAt().plus(properties.codeRetention()));
        return (int) Math.max(1, left.toSeconds());
    }

    private static void requireHash(String hash) {
        if (hash == null || hash.isEmpty()) {
            throw RpcException.badRequest("PHONE_CODE_HASH_EMPTY");
        }
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toSeconds()));
    }

    private static LoginCode loginCode(Row row) {
        return new LoginCode(row.getString("phone"), row.getString("phone_code_hash"), row.getString("code"),
                row.getInstant("sent_at"), row.getInstant("expires_at"), row.getInt("attempts"),
                row.getBoolean("verified"));
    }
}
