package io.heliograph.session.password;

import io.heliograph.events.UserId;
import io.heliograph.platform.rpc.AuthKeyId;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.tl.api.AccountPassword;
import io.heliograph.tl.api.InputCheckPasswordEmpty;
import io.heliograph.tl.api.InputCheckPasswordSRP;
import io.heliograph.tl.api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow;
import io.heliograph.tl.api.SecurePasswordKdfAlgoPBKDF2HMACSHA512iter100000;
import io.heliograph.tl.api.TAccountPassword;
import io.heliograph.tl.api.TAccountPasswordInputSettings;
import io.heliograph.tl.api.TAuthAuthorization;
import io.heliograph.tl.api.TInputCheckPasswordSRP;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Two-step verification of this DC's users (SRP, {@link Srp}): what {@code account.getPassword} shows, checking the
 * current password ({@code account.updatePasswordSettings}, {@code auth.checkPassword}) and changing it. State lives in
 * Cassandra ({@link PasswordStore}), so any instance answers any step.
 *
 * <p>Challenges: {@code account.getPassword} reuses a challenge of the current password with at least half its TTL
 * left, else makes one; several may be open at once (two devices), each answered at most once, right or wrong, so a
 * retry starts with {@code account.getPassword} again, as clients do. Wrong passwords count per user:
 * {@code max-failures} within {@code failure-window} answer {@code 420 FLOOD_WAIT_X} until the oldest of them ages out.
 * The modular exponentiations (a few ms each) run on the parallel scheduler, off the event loop and driver threads.
 *
 * @see <a href="https://core.telegram.org/api/srp">Two-factor authentication</a>
 */
@Component
public class TwoStepPasswords implements PendingPasswordLogins {

    /** Offered salt sizes, as Telegram offers them (the client appends 32 random bytes to salt1). */
    static final int NEW_SALT1_BYTES = 8;
    static final int NEW_SALT2_BYTES = 16;
    static final int NEW_SECURE_SALT_BYTES = 8;
    static final int SECURE_RANDOM_BYTES = 256;

    private final PasswordStore store;
    private final PasswordProperties properties;
    private final Clock clock;
    private final Dcs dcs;
    private final SecureRandom random = new SecureRandom();

    TwoStepPasswords(PasswordStore store, PasswordProperties properties, Clock clock, Dcs dcs) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.dcs = dcs;
    }

    @Override
    public Mono<Boolean> hasPassword(UserId user) {
        return store.find(user).map(StoredPassword::hasPassword).defaultIfEmpty(false);
    }

    @Override
    public Mono<Void> awaitPassword(AuthKeyId permKey, UserId user) {
        if (permKey.isNone()) {
            return Mono.error(new IllegalArgumentException("a login waits for a password on a permanent key, got none"));
        }
        return Mono.defer(() -> store.savePendingLogin(permKey, user, clock.instant(), properties.pendingLoginTtl()));
    }

    /**
     * Whose password the caller may ask for: the logged-in user on its home DC ({@code 303 USER_MIGRATE_X} on
     * another), or the user a login of its permanent key waits for (401 {@code AUTH_KEY_UNREGISTERED} when there is
     * none).
     */
    Mono<UserId> passwordOwner(RpcContext ctx) {
        if (ctx.loggedIn()) {
            return dcs.requireHomeUser(ctx); // the password lives in the home DC's keyspace: 303 USER_MIGRATE_X elsewhere
        }
        return pendingLogin(ctx).switchIfEmpty(Mono.error(() -> PasswordError.AUTH_KEY_UNREGISTERED.exception()));
    }

    /** {@code account.password} for {@code user}: the offered algorithms and, with a password, an SRP challenge. */
    Mono<TAccountPassword> describe(UserId user) {
        return Mono.defer(() -> store.findOrOffer(user, randomBytes(NEW_SALT1_BYTES), randomBytes(NEW_SALT2_BYTES),
                        randomBytes(NEW_SECURE_SALT_BYTES), clock.instant()))
                .flatMap(stored -> {
                    var newAlgo = new PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow(
                            stored.newSalt1(), stored.newSalt2(), Srp.G, Srp.primeBytes());
                    var newSecureAlgo = new SecurePasswordKdfAlgoPBKDF2HMACSHA512iter100000(stored.newSecureSalt());
                    byte[] secureRandom = randomBytes(SECURE_RANDOM_BYTES);
                    if (!stored.hasPassword()) {
                        return Mono.just(new AccountPassword(false, false, false, null, null, null, null, null, newAlgo,
                                newSecureAlgo, secureRandom, null, null));
                    }
                    StoredPassword.Current c = stored.current();
                    String hint = stored.hint() == null || stored.hint().isEmpty() ? null : stored.hint();
                    return challengeFor(stored).map(challenge -> (TAccountPassword) new AccountPassword(false, false,
                            true, new PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow(c.salt1(),
                                    c.salt2(), c.g(), c.p()),
                            challenge.srpB(), challenge.srpId(), hint, null, newAlgo, newSecureAlgo, secureRandom, null,
                            null));
                });
    }

    /**
     * {@code account.updatePasswordSettings}: checks the request ({@link NewPasswordSettings}), then the current
     * password, then writes.
     */
    Mono<Boolean> update(UserId user, TInputCheckPasswordSRP currentPassword, TAccountPasswordInputSettings settings) {
        return find(user).flatMap(stored -> {
            NewPasswordSettings.Change change = NewPasswordSettings.validate(settings, stored.orElse(null));
            return checkPassword(user, stored.orElse(null), currentPassword)
                    .then(Mono.defer(() -> apply(user, stored.get(), change)));
        }).thenReturn(true);
    }

    /**
     * {@code auth.checkPassword}: the login waiting on the caller's permanent key ({@code 400 SRP_ID_INVALID} when
     * none), its user's password, then {@code completion}; the waiting login is forgotten once completed.
     */
    Mono<TAuthAuthorization> completeLogin(RpcContext ctx, TInputCheckPasswordSRP password, LoginCompletion completion) {
        return pendingLogin(ctx)
                .switchIfEmpty(Mono.error(() -> PasswordError.SRP_ID_INVALID.exception()))
                .flatMap(user -> find(user)
                        .flatMap(stored -> checkPassword(user, stored.orElse(null), password))
                        .then(Mono.defer(() -> completion.complete(ctx, user)))
                        .flatMap(authorization -> store.deletePendingLogin(ctx.permAuthKeyId())
                                .thenReturn(authorization)));
    }

    /**
     * Checks that the caller knows the current password: {@code inputCheckPasswordEmpty} passes only without one; an
     * SRP proof is checked against its challenge (consumed either way).
     *
     * @param stored the user's row, null when there is none
     */
    Mono<Void> checkPassword(UserId user, StoredPassword stored, TInputCheckPasswordSRP input) {
        boolean hasPassword = stored != null && stored.hasPassword();
        if (input instanceof InputCheckPasswordEmpty) {
            return hasPassword ? Mono.error(PasswordError.PASSWORD_HASH_INVALID.exception()) : Mono.empty();
        }
        InputCheckPasswordSRP srp = (InputCheckPasswordSRP) input;
        return floodCheck(user)
                .then(Mono.defer(() -> store.challenge(user, srp.srpId())))
                .switchIfEmpty(Mono.error(() -> PasswordError.SRP_ID_INVALID.exception()))
                .flatMap(challenge -> {
                    if (!hasPassword || !Arrays.equals(challenge.passwordSalt1(), stored.current().salt1())) {
                        return Mono.error(PasswordError.SRP_PASSWORD_CHANGED.exception());
                    }
                    StoredPassword.Current c = stored.current();
                    return store.deleteChallenge(user, challenge.srpId())
                            .then(Mono.fromCallable(() -> Srp.checkM1(srp.A(), srp.M1(), c.salt1(), c.salt2(),
                                    Srp.unsigned(c.verifier()), challenge.b(), challenge.srpB()))
                                    .subscribeOn(Schedulers.parallel()))
                            .flatMap(right -> right ? Mono.<Void>empty()
                                    : Mono.defer(() -> store.recordFailure(user, clock.instant(),
                                            properties.failureWindow()))
                                            .then(Mono.error(PasswordError.PASSWORD_HASH_INVALID.exception())));
                });
    }

    private Mono<UserId> pendingLogin(RpcContext ctx) {
        if (ctx.permAuthKeyId().isNone()) {
            return Mono.error(PasswordError.AUTH_KEY_PERM_EMPTY.exception());
        }
        return store.pendingLogin(ctx.permAuthKeyId());
    }

    private Mono<Optional<StoredPassword>> find(UserId user) {
        return store.find(user).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    /** 420 FLOOD_WAIT_X when {@code max-failures} wrong passwords fell within the window. */
    private Mono<Void> floodCheck(UserId user) {
        Duration window = properties.failureWindow();
        return Mono.defer(() -> {
            Instant now = clock.instant();
            return store.recentFailures(user, properties.maxFailures())
                    .filter(at -> at.plus(window).isAfter(now))
                    .collectList()
                    .flatMap(failures -> failures.size() < properties.maxFailures() ? Mono.<Void>empty()
                            : Mono.error(PasswordError.floodWait(secondsUntil(now, oldest(failures).plus(window)))));
        });
    }

    private Mono<SrpChallenge> challengeFor(StoredPassword stored) {
        long minimumTtl = properties.challengeTtl().toSeconds() / 2;
        byte[] salt1 = stored.current().salt1();
        return store.challenges(stored.user())
                .filter(c -> Arrays.equals(c.passwordSalt1(), salt1) && c.ttlSeconds() >= minimumTtl)
                .reduce((a, b) -> a.ttlSeconds() >= b.ttlSeconds() ? a : b)
                .switchIfEmpty(Mono.defer(() -> newChallenge(stored)));
    }

    private Mono<SrpChallenge> newChallenge(StoredPassword stored) {
        StoredPassword.Current c = stored.current();
        return Mono.fromCallable(() -> {
            var b = Srp.newSecret(random);
            long srpId;
            do {
                srpId = random.nextLong();
            } while (srpId == 0);
            return new SrpChallenge(srpId, b, Srp.serverB(Srp.unsigned(c.verifier()), b), c.salt1(),
                    (int) properties.challengeTtl().toSeconds());
        }).subscribeOn(Schedulers.parallel())
                .flatMap(challenge -> store.saveChallenge(stored.user(), challenge, clock.instant(),
                        properties.challengeTtl()).thenReturn(challenge));
    }

    private Mono<Void> apply(UserId user, StoredPassword stored, NewPasswordSettings.Change change) {
        Instant now = clock.instant();
        if (change instanceof NewPasswordSettings.SetPassword set) {
            String email = set.email() != null ? set.email() : stored.email();
            return store.setPassword(user, set.password(), set.hint(), email, now);
        }
        if (change instanceof NewPasswordSettings.RemovePassword) {
            return store.removePassword(user, now);
        }
        if (change instanceof NewPasswordSettings.SetEmail set) {
            return store.setEmail(user, set.email(), now);
        }
        return Mono.empty();
    }

    private byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    private static Instant oldest(List<Instant> failures) {
        return failures.stream().min(Instant::compareTo).orElseThrow();
    }

    private static long secondsUntil(Instant now, Instant then) {
        long millis = Math.max(0, Duration.between(now, then).toMillis());
        return (millis + 999) / 1000;
    }
}
