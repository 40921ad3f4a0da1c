package io.heliograph.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.heliograph.events.AuthorizationGranted;
import io.heliograph.events.AuthorizationReset;
import io.heliograph.events.Event;
import io.heliograph.events.EventCodec;
import io.heliograph.events.Topic;
import io.heliograph.platform.DcContext;
import io.heliograph.session.SessionRpcClient.Answer;
import io.heliograph.session.SessionRpcClient.Device;
import io.heliograph.testsupport.RealInfrastructure;
import io.heliograph.testsupport.TestInfrastructure;
import io.heliograph.tl.api.AccountAuthorizations;
import io.heliograph.tl.api.AccountCheckUsername;
import io.heliograph.tl.api.AccountGetAuthorizations;
import io.heliograph.tl.api.AccountResetAuthorization;
import io.heliograph.tl.api.AccountUpdateProfile;
import io.heliograph.tl.api.AccountUpdateUsername;
import io.heliograph.tl.api.AuthAuthorization;
import io.heliograph.tl.api.AuthAuthorizationSignUpRequired;
import io.heliograph.tl.api.AuthCancelCode;
import io.heliograph.tl.api.AuthExportAuthorization;
import io.heliograph.tl.api.AuthExportedAuthorization;
import io.heliograph.tl.api.AuthImportAuthorization;
import io.heliograph.tl.api.AuthImportBotAuthorization;
import io.heliograph.tl.api.AuthLogOut;
import io.heliograph.tl.api.AuthLoggedOut;
import io.heliograph.tl.api.AuthResendCode;
import io.heliograph.tl.api.AuthResetAuthorizations;
import io.heliograph.tl.api.AuthSendCode;
import io.heliograph.tl.api.AuthSentCode;
import io.heliograph.tl.api.AuthSentCodeTypeApp;
import io.heliograph.tl.api.AuthSentCodeTypeSms;
import io.heliograph.tl.api.AuthSignIn;
import io.heliograph.tl.api.AuthSignUp;
import io.heliograph.tl.api.Authorization;
import io.heliograph.tl.api.CodeSettings;
import io.heliograph.tl.api.ContactsResolveUsername;
import io.heliograph.tl.api.ContactsResolvedPeer;
import io.heliograph.tl.api.HelpAcceptTermsOfService;
import io.heliograph.tl.api.InputUser;
import io.heliograph.tl.api.InputUserSelf;
import io.heliograph.tl.api.PeerUser;
import io.heliograph.tl.api.TUser;
import io.heliograph.tl.api.User;
import io.heliograph.tl.api.UsersGetFullUser;
import io.heliograph.tl.api.UsersGetUsers;
import io.heliograph.tl.api.UsersUserFull;
import io.heliograph.tl.api.UserFull;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Login, authorizations, users and DC rules over {@code POST /internal/rpc} with TL bodies, against the real Cassandra
 * and Kafka, as DC 2 of a two-DC platform; the auth events it publishes are read back from {@code auth-events}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + SessionApplication.SERVICE, "spring.application.name=" + SessionApplication.SERVICE,
                "heliograph.dc=2", "heliograph.session.dcs.ids=1,2",
                "heliograph.session.dcs.networks[198.51.100.0/24]=1", "heliograph.session.dcs.networks[198.51.100.128/25]=2"})
@AutoConfigureWebTestClient
@RealInfrastructure
@org.springframework.context.annotation.Import(MovableClock.Config.class)
class LoginFlowIT {

    static final SecureRandom RANDOM = new SecureRandom();
    static final EventCodec CODEC = new EventCodec();
    static final List<Event> EVENTS = new CopyOnWriteArrayList<>();
    static KafkaConsumer<String, byte[]> consumer;


    @Autowired
    WebTestClient web;

    @Autowired
    DcContext dc;

    @Autowired
    CqlSession cql;

    @Autowired
    MovableClock clock;

    SessionRpcClient rpc;

    @BeforeEach
    void setUp() {
        rpc = new SessionRpcClient(web, 2);
        if (consumer == null) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
            String topic = dc.topic(Topic.AUTH_EVENTS);
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
    }

    @AfterAll
    static void closeConsumer() {
        if (consumer != null) {
            consumer.close();
        }
    }

    /** A random number whose home is DC 2 by the default rules (+44: Europe). */
    static String dc2Phone() {
        return "+44 77" + String.format("%08d", RANDOM.nextInt(100_000_000));
    }

    static AuthSendCode sendCode(String phone) {
        return new AuthSendCode(phone, 2040, "b18441a1ff607e10a989891a5462e627", new CodeSettings(false, false, false,
                false, false, false, null, null, null));
    }

    Map<?, ?> operatorCode(String phone) {
        return web.get().uri("/operator/login-codes/{phone}", phone.replace(" ", "").replace("+", ""))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** sendCode, code from the operator endpoint, signIn; the sign-in's answer. */
    Answer<?> signIn(Device device, String phone) {
        AuthSentCode sent = (AuthSentCode) device.call(sendCode(phone)).ok();
        Map<?, ?> code = operatorCode(phone);
        assertThat(code.get("phoneCodeHash")).isEqualTo(sent.phoneCodeHash());
        return device.call(new AuthSignIn(phone, sent.phoneCodeHash(), (String) code.get("code"), null));
    }

    /** A new user signed up on a new device. */
    User signUp(Device device, String phone, String first) {
        AuthSentCode sent = (AuthSentCode) device.call(sendCode(phone)).ok();
        String code = (String) operatorCode(phone).get("code");
        assertThat(device.call(new AuthSignIn(phone, sent.phoneCodeHash(), code, null)).ok())
                .isInstanceOf(AuthAuthorizationSignUpRequired.class);
        AuthAuthorization auth = (AuthAuthorization) device.call(new AuthSignUp(false, phone, sent.phoneCodeHash(),
                first, "Tester")).ok();
        return (User) auth.user();
    }

    @Test
    void aUserWithTwoStepVerificationLogsInWithCheckPasswordAfterTheCode() {
        String phone = dc2Phone();
        Device laptop = rpc.newDevice("Laptop");
        User grace = signUp(laptop, phone, "Grace");
        io.heliograph.session.password.SrpTestClient srp = new io.heliograph.session.password.SrpTestClient(RANDOM);
        var none = (io.heliograph.tl.api.AccountPassword) laptop.call(new io.heliograph.tl.api.AccountGetPassword()).ok();
        assertThat(laptop.call(new io.heliograph.tl.api.AccountUpdatePasswordSettings(
                new io.heliograph.tl.api.InputCheckPasswordEmpty(), srp.newPassword(none, "correct horse", "horse"))).ok())
                .isEqualTo(true);

        Device phoneDevice = rpc.newDevice("Pixel 9");
        signIn(phoneDevice, phone).isError(401, "SESSION_PASSWORD_NEEDED");
        assertThat(phoneDevice.userId).as("not logged in before the password").isZero();
        var state = (io.heliograph.tl.api.AccountPassword) phoneDevice.call(new io.heliograph.tl.api.AccountGetPassword()).ok();
        assertThat(state.hint()).isEqualTo("horse");
        phoneDevice.call(new io.heliograph.tl.api.AuthCheckPassword(srp.check(state, "battery staple")))
                .isError(400, "PASSWORD_HASH_INVALID");
        state = (io.heliograph.tl.api.AccountPassword) phoneDevice.call(new io.heliograph.tl.api.AccountGetPassword()).ok();
        Answer<?> done = phoneDevice.call(new io.heliograph.tl.api.AuthCheckPassword(srp.check(state, "correct horse")));
        assertThat(((User) ((AuthAuthorization) done.ok()).user()).id()).isEqualTo(grace.id());
        assertThat(phoneDevice.userId).isEqualTo(grace.id());
        assertThat(((AccountAuthorizations) laptop.call(new AccountGetAuthorizations()).ok()).authorizations()).hasSize(2);
        awaitEvent(e -> e instanceof io.heliograph.events.AuthorizationGranted g && g.userId() == grace.id()
                && g.authKeyId() == phoneDevice.authKeyId);
    }

    @Test
    void signUpSecondDeviceLogOutAndReset() {
        String phone = dc2Phone();
        Device laptop = rpc.newDevice("Laptop");
        AuthSentCode sent = (AuthSentCode) laptop.call(sendCode(phone)).ok();
        assertThat(sent.type()).isEqualTo(new AuthSentCodeTypeSms(5));
        Map<?, ?> code = operatorCode(phone);
        System.out.println("operator endpoint: " + code);
        assertThat((String) code.get("code")).matches("[0-9]{5}");
        assertThat(code.get("homeDc")).isEqualTo(2);

        Answer<?> signIn = laptop.call(new AuthSignIn(phone, sent.phoneCodeHash(), (String) code.get("code"), null));
        assertThat(signIn.ok()).isInstanceOf(AuthAuthorizationSignUpRequired.class);
        assertThat(signIn.authorizedUser()).isNull();
        AuthAuthorizationSignUpRequired required = (AuthAuthorizationSignUpRequired) signIn.ok();
        assertThat(laptop.call(new HelpAcceptTermsOfService(
                ((io.heliograph.tl.api.HelpTermsOfService) required.termsOfService()).id())).ok()).isTrue();

        laptop.call(new AuthSignUp(false, phone, sent.phoneCodeHash(), "\u202Eevil", "")).isError(400, "FIRSTNAME_INVALID");
        laptop.call(new AuthSignUp(false, phone, sent.phoneCodeHash(), "   ", "")).isError(400, "FIRSTNAME_INVALID");
        laptop.call(new AuthSignUp(false, phone, sent.phoneCodeHash(), "Ada", "x".repeat(65))).isError(400, "LASTNAME_INVALID");
        Answer<?> signUp = laptop.call(new AuthSignUp(false, phone, sent.phoneCodeHash(), " Ada ", "Lovelace"));
        User ada = (User) ((AuthAuthorization) signUp.ok()).user();
        System.out.println("signed up: " + ada);
        assertThat(ada.self()).isTrue();
        assertThat(ada.firstName()).isEqualTo("Ada");
        assertThat(ada.phone()).isEqualTo(phone.replace(" ", "").replace("+", ""));
        assertThat(ada.id()).isBetween(1L << 32, (1L << 40) - 1);
        assertThat(signUp.authorizedUser()).isEqualTo(Long.toString(ada.id()));
        assertThat(rpc.registeredUser(laptop)).isEqualTo(ada.id());
        // the code is used up, and the phone has a user now
        laptop.call(new AuthSignUp(false, phone, sent.phoneCodeHash(), "Ada", "")).isError(400, "PHONE_NUMBER_OCCUPIED");

        Device phoneDevice = rpc.newDevice("Pixel 9");
        AuthSentCode second = (AuthSentCode) phoneDevice.call(sendCode(phone)).ok();
        assertThat(second.type()).as("an existing user gets the code in the app").isEqualTo(new AuthSentCodeTypeApp(5));
        Answer<?> secondSignIn = phoneDevice.call(new AuthSignIn(phone, second.phoneCodeHash(),
                (String) operatorCode(phone).get("code"), null));
        assertThat(((User) ((AuthAuthorization) secondSignIn.ok()).user()).id()).isEqualTo(ada.id());
        assertThat(phoneDevice.userId).isEqualTo(ada.id());

        AccountAuthorizations both = (AccountAuthorizations) laptop.call(new AccountGetAuthorizations()).ok();
        System.out.println("authorizations: " + both);
        assertThat(both.authorizations()).hasSize(2);
        Authorization current = (Authorization) both.authorizations().get(0);
        assertThat(current.current()).isTrue();
        assertThat(current.deviceModel()).isEqualTo("Laptop");
        assertThat(current.ip()).isEqualTo("203.0.113.7");
        assertThat(current.apiId()).isEqualTo(2040);
        assertThat(((Authorization) both.authorizations().get(1)).deviceModel()).isEqualTo("Pixel 9");
        assertThat(((Authorization) both.authorizations().get(1)).current()).isFalse();

        Answer<?> loggedOut = phoneDevice.call(new AuthLogOut());
        assertThat(loggedOut.ok()).isInstanceOf(AuthLoggedOut.class);
        assertThat(loggedOut.authorizedUser()).isEqualTo("0");
        assertThat(rpc.registeredUser(phoneDevice)).isZero();
        assertThat(((AccountAuthorizations) laptop.call(new AccountGetAuthorizations()).ok()).authorizations())
                .hasSize(1);
        assertThat(rpc.registeredUser(laptop)).isEqualTo(ada.id());

        Device tablet = rpc.newDevice("Tablet");
        assertThat(signIn(tablet, phone).ok()).isInstanceOf(AuthAuthorization.class);
        long tabletHash = ((AccountAuthorizations) laptop.call(new AccountGetAuthorizations()).ok()).authorizations()
                .stream().map(a -> (Authorization) a).filter(a -> !a.current()).findFirst().orElseThrow().hash();
        laptop.call(new AccountResetAuthorization(tabletHash ^ 1)).isError(400, "HASH_INVALID");
        assertThat(laptop.call(new AccountResetAuthorization(tabletHash)).ok()).isTrue();
        assertThat(rpc.registeredUser(tablet)).isZero();
        assertThat(((AccountAuthorizations) laptop.call(new AccountGetAuthorizations()).ok()).authorizations())
                .hasSize(1);

        Device watch = rpc.newDevice("Watch");
        Device desktop = rpc.newDevice("Desktop");
        signIn(watch, phone).ok();
        signIn(desktop, phone).ok();
        assertThat(laptop.call(new AuthResetAuthorizations()).ok()).isTrue();
        assertThat(((AccountAuthorizations) laptop.call(new AccountGetAuthorizations()).ok()).authorizations())
                .hasSize(1);
        assertThat(rpc.registeredUser(watch)).isZero();
        assertThat(rpc.registeredUser(desktop)).isZero();

        long user = ada.id();
        awaitEvent(e -> e.equals(new AuthorizationGranted(user, laptop.authKeyId)));
        awaitEvent(e -> e.equals(new AuthorizationGranted(user, phoneDevice.authKeyId)));
        awaitEvent(e -> e.equals(new AuthorizationReset(user, phoneDevice.authKeyId, "auth.logOut")));
        awaitEvent(e -> e.equals(new AuthorizationReset(user, tablet.authKeyId, "account.resetAuthorization")));
        awaitEvent(e -> e.equals(new AuthorizationReset(user, watch.authKeyId, "auth.resetAuthorizations")));
        awaitEvent(e -> e.equals(new AuthorizationReset(user, desktop.authKeyId, "auth.resetAuthorizations")));
        System.out.println("auth-events for user " + user + ": " + EVENTS.stream().filter(e -> e.toString()
                .contains("userId=" + user)).toList());
    }

    @Test
    void wrongExpiredAndFloodedCodes() {
        String phone = dc2Phone();
        Device device = rpc.newDevice("Phone");
        AuthSentCode sent = (AuthSentCode) device.call(sendCode(phone)).ok();
        String code = (String) operatorCode(phone).get("code");
        String wrong = code.equals("00000") ? "11111" : "00000";
        device.call(new AuthSignIn(phone, sent.phoneCodeHash(), "", null)).isError(400, "PHONE_CODE_EMPTY");
        device.call(new AuthSignIn(phone, "", code, null)).isError(400, "PHONE_CODE_HASH_EMPTY");
        device.call(new AuthSignIn(phone, "0".repeat(32), code, null)).isError(400, "PHONE_CODE_INVALID");
        device.call(new AuthSignIn("12ab", sent.phoneCodeHash(), code, null)).isError(400, "PHONE_NUMBER_INVALID");
        for (int i = 0; i < 5; i++) {
            device.call(new AuthSignIn(phone, sent.phoneCodeHash(), wrong, null)).isError(400, "PHONE_CODE_INVALID");
        }
        device.call(new AuthSignIn(phone, sent.phoneCodeHash(), code, null)).isError(400, "PHONE_CODE_EXPIRED");
        assertThat(operatorCode(phone).get("attempts")).isEqualTo(5);

        AuthSentCode resent = (AuthSentCode) device.call(new AuthResendCode(phone, sent.phoneCodeHash(), null)).ok();
        assertThat(resent.phoneCodeHash()).isNotEqualTo(sent.phoneCodeHash());
        String fresh = (String) operatorCode(phone).get("code");
        clock.offset = clock.offset.plusMinutes(6);
        device.call(new AuthSignIn(phone, resent.phoneCodeHash(), fresh, null)).isError(400, "PHONE_CODE_EXPIRED");
        device.call(new AuthSignUp(false, phone, resent.phoneCodeHash(), "Late", "")).isError(400, "PHONE_CODE_EXPIRED");

        AuthSentCode third = (AuthSentCode) device.call(sendCode(phone)).ok();
        assertThat(device.call(new AuthCancelCode(phone, third.phoneCodeHash())).ok()).isTrue();
        device.call(new AuthSignIn(phone, third.phoneCodeHash(), (String) operatorCode(phone).get("code"), null))
                .isError(400, "PHONE_CODE_INVALID");

        device.call(sendCode(phone)).ok();
        device.call(sendCode(phone)).ok();
        Answer<?> flood = device.call(sendCode(phone));
        System.out.println("sixth code within an hour: " + flood.errorCode() + " " + flood.errorType());
        assertThat(flood.errorCode()).isEqualTo(420);
        assertThat(flood.errorType()).matches("FLOOD_WAIT_[0-9]+");
        int wait = Integer.parseInt(flood.errorType().substring("FLOOD_WAIT_".length()));
        assertThat(wait).isBetween(3000, 3601);

        device.call(new AuthSendCode(phone, 0, "hash", sendCode(phone).settings())).isError(400, "API_ID_INVALID");
        device.call(new AuthSendCode("+1234", 2040, "hash", sendCode(phone).settings())).isError(400, "PHONE_NUMBER_INVALID");
        device.call(new AuthSignUp(false, dc2Phone(), "ab".repeat(16), "Nobody", "")).isError(400, "PHONE_CODE_EXPIRED");
    }

    @Test
    void numbersOfAnotherDcMigrateAndTestNumbersUseTheirFixedCode() {
        Device device = rpc.newDevice("Phone");
        device.call(sendCode("+1 555 010 " + (1000 + RANDOM.nextInt(9000)))).isError(303, "PHONE_MIGRATE_1");
        device.call(sendCode("9996611234")).isError(303, "PHONE_MIGRATE_1");
        device.call(new AuthSignIn("9996611234", "ab".repeat(16), "11111", null)).isError(303, "PHONE_MIGRATE_1");

        String testNumber = "999662" + (1000 + RANDOM.nextInt(9000));
        AuthSentCode sent = (AuthSentCode) device.call(sendCode(testNumber)).ok();
        assertThat(device.call(new AuthSignIn(testNumber, sent.phoneCodeHash(), "22222", null)).ok())
                .isInstanceOf(AuthAuthorizationSignUpRequired.class);
        assertThat(device.call(new AuthSignUp(false, testNumber, sent.phoneCodeHash(), "Test", "")).ok())
                .isInstanceOf(AuthAuthorization.class);

        // a new number from a network of DC 1 is sent there (the longest block wins; test numbers and users keep theirs)
        Device abroad = rpc.newDevice("Abroad");
        abroad.clientIp = "198.51.100.7";
        abroad.call(sendCode(dc2Phone())).isError(303, "NETWORK_MIGRATE_1");
        abroad.call(sendCode("999662" + (1000 + RANDOM.nextInt(9000)))).ok();
        abroad.clientIp = "198.51.100.200";
        abroad.call(sendCode(dc2Phone())).ok();

        // a user homed in DC 1 (as after auth.importAuthorization there) is sent home for user methods
        long dc1User = (1L << 40) + RANDOM.nextInt(1_000_000);
        cql.execute(SimpleStatement.newInstance("INSERT INTO " + dc.globalKeyspace()
                + ".user_ids (user_id, home_dc) VALUES (?, 1)", dc1User));
        Device visitor = rpc.newDevice("Visitor");
        visitor.userId = dc1User;
        visitor.call(new UsersGetUsers(List.of(new InputUserSelf()))).isError(303, "USER_MIGRATE_1");
        visitor.call(new AccountGetAuthorizations()).isError(303, "USER_MIGRATE_1");
        assertThat(device.call(new AuthExportAuthorization(1)).ok()).isInstanceOf(AuthExportedAuthorization.class);
        device.call(new AuthExportAuthorization(2)).isError(400, "DC_ID_INVALID");
        device.call(new AuthExportAuthorization(5)).isError(400, "DC_ID_INVALID");
        rpc.newDevice("Anonymous").call(new UsersGetUsers(List.of(new InputUserSelf())))
                .isError(401, "AUTH_KEY_UNREGISTERED");
    }

    @Test
    void importAuthorizationUsesATokenOnce() {
        Device home = rpc.newDevice("Home");
        User user = signUp(home, dc2Phone(), "Importer");
        // what DC 1's auth.exportAuthorization(2) would have stored for this user
        long id = RANDOM.nextLong();
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        cql.execute(SimpleStatement.newInstance("INSERT INTO " + dc.globalKeyspace() + ".exported_authorizations "
                + "(id, bytes, user_id, source_dc, target_dc, created_at) VALUES (?, ?, ?, 1, 2, ?) USING TTL 300",
                id, ByteBuffer.wrap(bytes), user.id(), Instant.now()));
        Device other = rpc.newDevice("Other");
        byte[] wrong = bytes.clone();
        wrong[31] ^= 1;
        other.call(new AuthImportAuthorization(id, wrong)).isError(400, "AUTH_BYTES_INVALID");
        other.call(new AuthImportAuthorization(id, new byte[3])).isError(400, "AUTH_BYTES_INVALID");
        AuthAuthorization imported = (AuthAuthorization) other.call(new AuthImportAuthorization(id, bytes)).ok();
        assertThat(((User) imported.user()).id()).isEqualTo(user.id());
        assertThat(other.userId).isEqualTo(user.id());
        rpc.newDevice("Third").call(new AuthImportAuthorization(id, bytes)).isError(400, "AUTH_BYTES_INVALID");

        AuthExportedAuthorization exported = (AuthExportedAuthorization) home.call(new AuthExportAuthorization(1)).ok();
        rpc.newDevice("Wrong DC").call(new AuthImportAuthorization(exported.id(), exported.bytes()))
                .isError(400, "AUTH_BYTES_INVALID");
    }

    @Test
    void usersUsernamesProfilesAndAccessHashes() {
        Device aliceDevice = rpc.newDevice("Alice's");
        Device bobDevice = rpc.newDevice("Bob's");
        User alice = signUp(aliceDevice, dc2Phone(), "Alice");
        User bob = signUp(bobDevice, dc2Phone(), "Bob");
        String name = "alice_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36).substring(0, 8);

        aliceDevice.call(new AccountUpdateUsername("_bad")).isError(400, "USERNAME_INVALID");
        aliceDevice.call(new AccountCheckUsername("a__b_c")).isError(400, "USERNAME_INVALID");
        assertThat(aliceDevice.call(new AccountCheckUsername(name)).ok()).isTrue();
        User renamed = (User) aliceDevice.call(new AccountUpdateUsername(name)).ok();
        assertThat(renamed.username()).isEqualTo(name);
        aliceDevice.call(new AccountUpdateUsername(name)).isError(400, "USERNAME_NOT_MODIFIED");
        assertThat(bobDevice.call(new AccountCheckUsername(name.toUpperCase())).ok()).isFalse();
        bobDevice.call(new AccountUpdateUsername(name.toUpperCase())).isError(400, "USERNAME_OCCUPIED");

        ContactsResolvedPeer resolved = (ContactsResolvedPeer) bobDevice.call(new ContactsResolveUsername(
                name.toUpperCase(), null)).ok();
        assertThat(resolved.peer()).isEqualTo(new PeerUser(alice.id()));
        User seenByBob = (User) resolved.users().get(0);
        assertThat(seenByBob.self()).isFalse();
        assertThat(seenByBob.phone()).isNull();
        assertThat(seenByBob.accessHash()).isNotEqualTo(alice.accessHash());
        bobDevice.call(new ContactsResolveUsername("nobody_" + name, null)).isError(400, "USERNAME_NOT_OCCUPIED");
        bobDevice.call(new ContactsResolveUsername("x!", null)).isError(400, "USERNAME_INVALID");

        List<TUser> users = bobDevice.call(new UsersGetUsers(List.of(new InputUserSelf(),
                new InputUser(alice.id(), seenByBob.accessHash()),
                new InputUser(alice.id(), seenByBob.accessHash() ^ 1),
                new InputUser(alice.id(), alice.accessHash()),
                new InputUser(123, 456)))).ok();
        System.out.println("users.getUsers as Bob: " + users.stream().map(u -> ((User) u).id() + "/"
                + ((User) u).firstName()).toList());
        assertThat(users).hasSize(2);
        assertThat(((User) users.get(0)).id()).isEqualTo(bob.id());
        assertThat(((User) users.get(0)).self()).isTrue();
        assertThat(((User) users.get(1)).id()).isEqualTo(alice.id());
        assertThat(((User) users.get(1)).username()).isEqualTo(name);

        bobDevice.call(new UsersGetFullUser(new InputUser(alice.id(), alice.accessHash()))).isError(400, "USER_ID_INVALID");
        User updated = (User) aliceDevice.call(new AccountUpdateProfile(null, "Liddell", "Curiouser and curiouser")).ok();
        assertThat(updated.firstName()).isEqualTo("Alice");
        assertThat(updated.lastName()).isEqualTo("Liddell");
        aliceDevice.call(new AccountUpdateProfile(null, null, "x".repeat(71))).isError(400, "ABOUT_TOO_LONG");
        aliceDevice.call(new AccountUpdateProfile("", null, null)).isError(400, "FIRSTNAME_INVALID");
        UsersUserFull full = (UsersUserFull) bobDevice.call(new UsersGetFullUser(
                new InputUser(alice.id(), seenByBob.accessHash()))).ok();
        assertThat(((UserFull) full.fullUser()).about()).isEqualTo("Curiouser and curiouser");

        // releasing the name lets Bob take it
        assertThat(((User) aliceDevice.call(new AccountUpdateUsername("")).ok()).username()).isNull();
        assertThat(((User) bobDevice.call(new AccountUpdateUsername(name)).ok()).username()).isEqualTo(name);
    }

    @Test
    void botsLogInWithTheirToken() {
        String username = "weather" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36).substring(0, 6) + "_bot";
        Map<?, ?> created = web.post().uri("/operator/bots").bodyValue(Map.of("username", username)).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        System.out.println("operator created bot: " + created);
        String token = (String) created.get("token");
        web.post().uri("/operator/bots").bodyValue(Map.of("username", username.toUpperCase())).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.error").isEqualTo("USERNAME_OCCUPIED");
        web.post().uri("/operator/bots").bodyValue(Map.of("username", "notabotname")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("USERNAME_INVALID");

        Device server = rpc.newDevice("bot server");
        server.call(new AuthImportBotAuthorization(0, 2040, "hash", token + "x")).isError(400, "ACCESS_TOKEN_INVALID");
        server.call(new AuthImportBotAuthorization(0, 2040, "hash", "123:" + token.substring(token.indexOf(':') + 1)))
                .isError(400, "ACCESS_TOKEN_INVALID");
        server.call(new AuthImportBotAuthorization(0, 2040, "hash", "garbage")).isError(400, "ACCESS_TOKEN_INVALID");
        server.call(new AuthImportBotAuthorization(0, 0, "hash", token)).isError(400, "API_ID_INVALID");
        AuthAuthorization auth = (AuthAuthorization) server.call(new AuthImportBotAuthorization(0, 2040, "hash", token)).ok();
        User bot = (User) auth.user();
        assertThat(bot.bot()).isTrue();
        assertThat(bot.id()).isEqualTo(((Number) created.get("userId")).longValue());
        assertThat(bot.username()).isEqualTo(username);
        assertThat(server.userId).isEqualTo(bot.id());
    }

    static void awaitEvent(Predicate<Event> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (EVENTS.stream().anyMatch(wanted)) {
                return;
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                Event e = CODEC.decode(r.value()).event();
                assertThat(r.key()).isEqualTo(Long.toString(e instanceof AuthorizationGranted g ? g.userId()
                        : ((AuthorizationReset) e).userId()));
                EVENTS.add(e);
            }
        }
        throw new AssertionError("no such event on auth-events; seen " + EVENTS);
    }
}
