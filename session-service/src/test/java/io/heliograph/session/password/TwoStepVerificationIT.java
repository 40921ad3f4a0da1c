package io.heliograph.session.password;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.heliograph.events.UserId;
import io.heliograph.platform.rpc.AuthKeyId;
import io.heliograph.platform.rpc.RpcHeaders;
import io.heliograph.session.SessionApplication;
import io.heliograph.testsupport.RealInfrastructure;
import io.heliograph.tl.TlFunction;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.AccountGetPassword;
import io.heliograph.tl.api.AccountPassword;
import io.heliograph.tl.api.AccountPasswordInputSettings;
import io.heliograph.tl.api.AccountUpdatePasswordSettings;
import io.heliograph.tl.api.AuthAuthorization;
import io.heliograph.tl.api.AuthCheckPassword;
import io.heliograph.tl.api.InputCheckPasswordEmpty;
import io.heliograph.tl.api.InputCheckPasswordSRP;
import io.heliograph.tl.api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow;
import io.heliograph.tl.api.SecurePasswordKdfAlgoPBKDF2HMACSHA512iter100000;
import io.heliograph.tl.api.UserEmpty;
import io.heliograph.tl.mtproto.RpcError;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Two-step verification over {@code POST /internal/rpc} against the real Cassandra, as a client sees it: set a
 * password, log in with it (a test {@link LoginCompletion} stands in for login), change it, remove it; and what is
 * refused on the way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + SessionApplication.SERVICE, "spring.application.name=" + SessionApplication.SERVICE, "heliograph.dc=2"})
@AutoConfigureWebTestClient
@RealInfrastructure
class TwoStepVerificationIT {

    static final SecureRandom RANDOM = new SecureRandom();
    static final String FIRST = "first password \u2713";
    static final String SECOND = "second password";

    @TestConfiguration(proxyBeanMethods = false)
    static class Login {

        /** Stands in for login's completion (these users have no users row): logs the key in, answers a bare user. */
        @Bean
        @org.springframework.context.annotation.Primary
        LoginCompletion testLoginCompletion() {
            return (ctx, user) -> {
                ctx.authorize(user);
                return Mono.just(new AuthAuthorization(false, null, null, null, new UserEmpty(user.value())));
            };
        }
    }

    @Autowired
    WebTestClient client;

    @Autowired
    PendingPasswordLogins logins;

    @Autowired
    CqlSession cql;

    @Autowired
    io.heliograph.platform.DcContext dc;

    final SrpTestClient srp = new SrpTestClient(RANDOM);

    /** A caller: logged in as {@code user} (0: not logged in) on permanent key {@code permKey} (0: none). */
    record Caller(long user, long permKey) {
    }

    static long positive() {
        return RANDOM.nextLong(1, Long.MAX_VALUE);
    }

    @Test
    void setLogInWithChangeAndRemoveAPassword() {
        long user = positive();
        Caller device = new Caller(user, positive());

        // no password: the algorithms to use, the same salts every time
        AccountPassword none = password(device);
        assertThat(none.hasPassword()).isFalse();
        assertThat(none.srpB()).isNull();
        var newAlgo = (PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow) none.newAlgo();
        assertThat(newAlgo.salt1()).hasSize(8);
        assertThat(newAlgo.salt2()).hasSize(16);
        assertThat(newAlgo.g()).isEqualTo(3);
        assertThat(newAlgo.p()).isEqualTo(Srp.primeBytes());
        assertThat(((SecurePasswordKdfAlgoPBKDF2HMACSHA512iter100000) none.newSecureAlgo()).salt()).hasSize(8);
        assertThat(none.secureRandom()).hasSize(256);
        AccountPassword noneAgain = password(device);
        assertThat(((PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow) noneAgain.newAlgo()).salt1())
                .isEqualTo(newAlgo.salt1());
        assertThat(noneAgain.secureRandom()).isNotEqualTo(none.secureRandom());
        StepVerifier.create(logins.hasPassword(UserId.of(user))).expectNext(false).verifyComplete();

        // set: inputCheckPasswordEmpty, the client's salt1 and v
        AccountPasswordInputSettings first = srp.newPassword(none, FIRST, "the first");
        assertThat(call(device, new AccountUpdatePasswordSettings(new InputCheckPasswordEmpty(), first))).isTrue();
        AccountPassword set = password(device);
        assertThat(set.hasPassword()).isTrue();
        assertThat(set.hint()).isEqualTo("the first");
        assertThat(((PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow) set.currentAlgo()).salt1())
                .isEqualTo(((PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow) first.newAlgo()).salt1())
                .hasSize(40).startsWith(newAlgo.salt1());
        assertThat(set.srpB()).hasSize(256);
        assertThat(set.srpId()).isNotZero();
        // an open challenge is shown again, not replaced
        assertThat(password(device).srpId()).isEqualTo(set.srpId());
        StepVerifier.create(logins.hasPassword(UserId.of(user))).expectNext(true).verifyComplete();
        // a password set cannot be replaced without it
        assertRpcError(device, new AccountUpdatePasswordSettings(new InputCheckPasswordEmpty(),
                srp.newPassword(set, SECOND, "")), 400, "PASSWORD_HASH_INVALID");

        // login from a second device: signIn stopped with SESSION_PASSWORD_NEEDED and left a waiting login
        Caller newDevice = new Caller(0, positive());
        assertRpcError(newDevice, new AccountGetPassword(), 401, "AUTH_KEY_UNREGISTERED");
        assertRpcError(newDevice, new AuthCheckPassword(new InputCheckPasswordEmpty()), 400, "SRP_ID_INVALID");
        StepVerifier.create(logins.awaitPassword(AuthKeyId.of(newDevice.permKey()), UserId.of(user))).verifyComplete();
        AccountPassword atLogin = password(newDevice);
        assertThat(atLogin.hasPassword()).isTrue();
        assertThat(atLogin.hint()).isEqualTo("the first");

        // a wrong password, then the used challenge again
        assertRpcError(newDevice, new AuthCheckPassword(srp.check(atLogin, "wrong")), 400, "PASSWORD_HASH_INVALID");
        assertRpcError(newDevice, new AuthCheckPassword(srp.check(atLogin, FIRST)), 400, "SRP_ID_INVALID");
        assertRpcError(newDevice, new AuthCheckPassword(new InputCheckPasswordEmpty()), 400, "PASSWORD_HASH_INVALID");

        // the right password completes the login, once
        AccountPassword retry = password(newDevice);
        assertThat(retry.srpId()).isNotEqualTo(atLogin.srpId());
        EntityExchangeResult<byte[]> login = post(newDevice, new AuthCheckPassword(srp.check(retry, FIRST)));
        assertThat(new AuthCheckPassword(new InputCheckPasswordEmpty()).readResult(new TlReader(login.getResponseBody())))
                .isEqualTo(new AuthAuthorization(false, null, null, null, new UserEmpty(user)));
        assertThat(login.getResponseHeaders().getFirst(RpcHeaders.AUTHORIZED_USER)).isEqualTo(Long.toString(user));
        assertRpcError(newDevice, new AuthCheckPassword(srp.check(password(device), FIRST)), 400,
                "SRP_ID_INVALID");
        assertRpcError(newDevice, new AccountGetPassword(), 401, "AUTH_KEY_UNREGISTERED");

        // change: a challenge another device holds for the old password is refused afterwards
        AccountPassword beforeChange = password(device);
        assertRpcError(device, new AccountUpdatePasswordSettings(srp.check(beforeChange, SECOND),
                srp.newPassword(beforeChange, SECOND, "")), 400, "PASSWORD_HASH_INVALID");
        beforeChange = password(device);
        long otherDevicesChallenge = copyChallenge(user, beforeChange.srpId());
        assertThat(call(device, new AccountUpdatePasswordSettings(srp.check(beforeChange, FIRST),
                srp.newPassword(beforeChange, SECOND, "")))).isTrue();
        AccountPassword changed = password(device);
        assertThat(changed.hint()).isNull();
        assertThat(changed.srpId()).isNotEqualTo(beforeChange.srpId());
        AccountPassword stale = new AccountPassword(false, false, true, beforeChange.currentAlgo(), beforeChange.srpB(),
                otherDevicesChallenge, null, null, beforeChange.newAlgo(), beforeChange.newSecureAlgo(), new byte[0],
                null, null);
        assertRpcError(device, new AccountUpdatePasswordSettings(srp.check(stale, FIRST), SrpTestClient.removal()), 400,
                "SRP_PASSWORD_CHANGED");

        // remove (as tdlib sends it), with the new password
        assertThat(call(device, new AccountUpdatePasswordSettings(srp.check(changed, SECOND), SrpTestClient.removal())))
                .isTrue();
        AccountPassword removed = password(device);
        assertThat(removed.hasPassword()).isFalse();
        assertThat(((PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow) removed.newAlgo()).salt1())
                .isEqualTo(newAlgo.salt1());
        StepVerifier.create(logins.hasPassword(UserId.of(user))).expectNext(false).verifyComplete();
        assertRpcError(device, new AccountUpdatePasswordSettings(new InputCheckPasswordEmpty(), SrpTestClient.removal()),
                400, "NEW_SETTINGS_EMPTY");
    }

    @Test
    void fiveWrongPasswordsWithinTenMinutesAnswerFloodWait() {
        Caller device = new Caller(positive(), positive());
        AccountPassword none = password(device);
        call(device, new AccountUpdatePasswordSettings(new InputCheckPasswordEmpty(), srp.newPassword(none, FIRST, "")));

        for (int i = 0; i < 5; i++) {
            assertRpcError(device, new AccountUpdatePasswordSettings(wrongProof(password(device)),
                    SrpTestClient.removal()), 400, "PASSWORD_HASH_INVALID");
        }
        AccountPassword state = password(device);
        String error = rpcError(post(device, new AccountUpdatePasswordSettings(srp.check(state, FIRST),
                SrpTestClient.removal())), 420);
        assertThat(error).matches("FLOOD_WAIT_\\d+");
        assertThat(Integer.parseInt(error.substring("FLOOD_WAIT_".length()))).isBetween(1, 600);
        // the flood answer does not use up the challenge, and other users are not affected
        assertThat(password(device).srpId()).isEqualTo(state.srpId());
        Caller other = new Caller(positive(), positive());
        assertThat(password(other).hasPassword()).isFalse();
    }

    @Test
    void refusedRequestsChangeNothing() {
        Caller device = new Caller(positive(), positive());
        AccountPassword none = password(device);
        AccountPasswordInputSettings good = srp.newPassword(none, FIRST, "");
        var algo = (PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow) good.newAlgo();
        var unextended = new PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow(
                Arrays.copyOf(algo.salt1(), 8), algo.salt2(), algo.g(), algo.p());
        assertRpcError(device, new AccountUpdatePasswordSettings(new InputCheckPasswordEmpty(),
                new AccountPasswordInputSettings(unextended, good.newPasswordHash(), "", null, null)), 400, "NEW_SALT_INVALID");
        assertRpcError(device, new AccountUpdatePasswordSettings(new InputCheckPasswordEmpty(),
                new AccountPasswordInputSettings(algo, Srp.primeBytes(), "", null, null)), 400, "NEW_SETTINGS_INVALID");
        // not logged in; an SRP proof while no password is set
        assertRpcError(new Caller(0, positive()), new AccountUpdatePasswordSettings(new InputCheckPasswordEmpty(), good),
                401, "AUTH_KEY_UNREGISTERED");
        assertRpcError(device, new AccountUpdatePasswordSettings(new InputCheckPasswordSRP(77, new byte[256],
                new byte[32]), good), 400, "SRP_ID_INVALID");
        assertThat(password(device).hasPassword()).isFalse();
        // auth.checkPassword on an unbound temporary key
        assertRpcError(new Caller(0, 0), new AuthCheckPassword(new InputCheckPasswordEmpty()), 401, "AUTH_KEY_PERM_EMPTY");
    }

    @Test
    void aUserHomedInAnotherDcIsSentThereAndNothingIsWrittenHere() {
        AccountPassword offered = password(new Caller(positive(), positive()));
        long stranger = positive();
        home(stranger, 1);
        Caller device = new Caller(stranger, positive());
        assertRpcError(device, new AccountGetPassword(), 303, "USER_MIGRATE_1");
        assertRpcError(device, new AccountUpdatePasswordSettings(new InputCheckPasswordEmpty(),
                srp.newPassword(offered, FIRST, "")), 303, "USER_MIGRATE_1");
        assertThat(cql.execute(SimpleStatement.newInstance("SELECT user_id FROM two_step_passwords WHERE user_id = ?",
                stranger)).one()).as("nothing written in DC 2 for a DC 1 user").isNull();
    }

    /** A well-formed proof for a password that is not the user's (x = 7, so no KDF work). */
    InputCheckPasswordSRP wrongProof(AccountPassword state) {
        return srp.check((PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow) state.currentAlgo(),
                state.srpB(), state.srpId(), BigInteger.valueOf(7));
    }

    /** Another open challenge for the same password, as a second device's account.getPassword could have made. */
    long copyChallenge(long user, long srpId) {
        Row row = cql.execute(SimpleStatement.newInstance("SELECT b, srp_b, password_salt1 FROM two_step_challenges "
                + "WHERE user_id = ? AND srp_id = ?", user, srpId)).one();
        assertThat(row).isNotNull();
        long copy = srpId ^ 0x5a5a;
        cql.execute(SimpleStatement.newInstance("INSERT INTO two_step_challenges (user_id, srp_id, b, srp_b, "
                + "password_salt1) VALUES (?, ?, ?, ?, ?) USING TTL 600", user, copy, row.getByteBuffer("b"),
                row.getByteBuffer("srp_b"), row.getByteBuffer("password_salt1")));
        return copy;
    }

    /** Homes a user in {@code homeDc} in the global directory, unless it is homed already (passwords live there). */
    void home(long user, int homeDc) {
        cql.execute(SimpleStatement.newInstance("INSERT INTO " + dc.globalKeyspace() + ".user_ids (user_id, home_dc) "
                + "VALUES (?, ?) IF NOT EXISTS", user, homeDc));
    }

    HttpHeaders headers(Caller caller) {
        if (caller.user() != 0) {
            home(caller.user(), 2); // this service is DC 2's (a test homing the user elsewhere does it first)
        }
        HttpHeaders h = new HttpHeaders();
        long key = caller.permKey() != 0 ? caller.permKey() : positive();
        h.set(RpcHeaders.AUTH_KEY_ID, Long.toString(key));
        h.set(RpcHeaders.PERM_AUTH_KEY_ID, Long.toString(caller.permKey()));
        h.set(RpcHeaders.SESSION_ID, "1");
        h.set(RpcHeaders.MSG_ID, "7300000000000000004");
        h.set(RpcHeaders.LAYER, "228");
        h.set(RpcHeaders.DC, "2");
        h.set(RpcHeaders.USER_ID, Long.toString(caller.user()));
        return h;
    }

    EntityExchangeResult<byte[]> post(Caller caller, TlFunction<?> function) {
        return client.post().uri(RpcHeaders.PATH)
                .contentType(MediaType.parseMediaType(RpcHeaders.MEDIA_TYPE))
                .headers(h -> h.addAll(headers(caller)))
                .bodyValue(function.toBytes())
                .exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class)
                .returnResult();
    }

    AccountPassword password(Caller caller) {
        return (AccountPassword) call(caller, new AccountGetPassword());
    }

    /** Calls and reads the result; an rpc_error fails the test with its text. */
    <R> R call(Caller caller, TlFunction<R> function) {
        byte[] body = post(caller, function).getResponseBody();
        TlReader reader = new TlReader(body);
        if (reader.readInt() == RpcError.CONSTRUCTOR_ID) {
            RpcError error = RpcError.deserializeBare(reader);
            throw new AssertionError(function.tlName() + " answered " + error.errorCode() + " "
                    + new String(error.errorMessage(), StandardCharsets.UTF_8));
        }
        return function.readResult(new TlReader(body));
    }

    void assertRpcError(Caller caller, TlFunction<?> function, int code, String type) {
        assertThat(rpcError(post(caller, function), code)).as(function.tlName()).isEqualTo(type);
    }

    static String rpcError(EntityExchangeResult<byte[]> result, int code) {
        TlReader reader = new TlReader(result.getResponseBody());
        assertThat(reader.readInt()).as("an rpc_error").isEqualTo(RpcError.CONSTRUCTOR_ID);
        RpcError error = RpcError.deserializeBare(reader);
        String type = new String(error.errorMessage(), StandardCharsets.UTF_8);
        assertThat(error.errorCode()).as(type).isEqualTo(code);
        return type;
    }
}
