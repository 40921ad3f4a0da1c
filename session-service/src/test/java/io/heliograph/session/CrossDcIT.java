package io.heliograph.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.platform.HeliographApplication;
import io.heliograph.session.SessionRpcClient.Device;
import io.heliograph.testsupport.RealInfrastructure;
import io.heliograph.testsupport.TestInfrastructure;
import io.heliograph.tl.api.AccountUpdateUsername;
import io.heliograph.tl.api.AuthAuthorization;
import io.heliograph.tl.api.AuthAuthorizationSignUpRequired;
import io.heliograph.tl.api.AuthExportAuthorization;
import io.heliograph.tl.api.AuthExportedAuthorization;
import io.heliograph.tl.api.AuthImportAuthorization;
import io.heliograph.tl.api.AuthLogOut;
import io.heliograph.tl.api.AuthSendCode;
import io.heliograph.tl.api.AuthSentCode;
import io.heliograph.tl.api.AuthSignIn;
import io.heliograph.tl.api.AuthSignUp;
import io.heliograph.tl.api.CodeSettings;
import io.heliograph.tl.api.ContactsResolveUsername;
import io.heliograph.tl.api.ContactsResolvedPeer;
import io.heliograph.tl.api.InputUser;
import io.heliograph.tl.api.InputUserSelf;
import io.heliograph.tl.api.TUser;
import io.heliograph.tl.api.User;
import io.heliograph.tl.api.UsersGetUsers;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two DCs' session services side by side (DC 2 is the test's context, DC 1 another one in this JVM, same namespace):
 * a user of DC 1 is found from DC 2 by username, moves to DC 2 with export/import authorization, and is sent home
 * for user methods; phones of DC 1 users migrate; the operator endpoint of DC 2 reads DC 1's codes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + SessionApplication.SERVICE, "spring.application.name=" + SessionApplication.SERVICE,
                "heliograph.dc=2", "heliograph.session.dcs.ids=1,2"})
@AutoConfigureWebTestClient
@RealInfrastructure
class CrossDcIT {

    static final SecureRandom RANDOM = new SecureRandom();
    static ConfigurableApplicationContext dc1;
    static WebTestClient dc1Web;

    @Autowired
    WebTestClient dc2Web;

    @BeforeAll
    static void startDc1() {
        TestInfrastructure.ensureRunning();
        dc1 = HeliographApplication.builder(SessionApplication.class, SessionApplication.SERVICE)
                .web(WebApplicationType.REACTIVE)
                .run("--server.port=0", "--heliograph.dc=1", "--heliograph.instance-id=dc1-0",
                        "--heliograph.namespace=" + TestInfrastructure.namespace(), "--heliograph.kafka.partitions=2",
                        "--heliograph.session.dcs.ids=1,2",
                        "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrap(),
                        "--spring.cassandra.contact-points=" + TestInfrastructure.cassandraContact());
        dc1Web = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + dc1.getEnvironment().getProperty("local.server.port")).build();
    }

    @AfterAll
    static void stopDc1() {
        if (dc1 != null) {
            dc1.close();
        }
    }

    static AuthSendCode sendCode(String phone) {
        return new AuthSendCode(phone, 2040, "b18441a1ff607e10a989891a5462e627", new CodeSettings(false, false, false,
                false, false, false, null, null, null));
    }

    @Test
    void aDc1UserIsResolvedFromDc2MovesThereWithAnExportedAuthorizationAndIsSentHome() {
        SessionRpcClient one = new SessionRpcClient(dc1Web, 1);
        SessionRpcClient two = new SessionRpcClient(dc2Web, 2);
        String phone = "1555" + String.format("%07d", RANDOM.nextInt(10_000_000));

        Device dc2Device = two.newDevice("asks DC 2 first");
        dc2Device.call(sendCode(phone)).isError(303, "PHONE_MIGRATE_1");

        Device home = one.newDevice("home");
        AuthSentCode sent = (AuthSentCode) home.call(sendCode(phone)).ok();
        // DC 2's operator endpoint finds the code in the phone's home DC
        Map<?, ?> code = dc2Web.get().uri("/operator/login-codes/{phone}", phone).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(code.get("homeDc")).isEqualTo(1);
        assertThat(code.get("phoneCodeHash")).isEqualTo(sent.phoneCodeHash());
        assertThat(home.call(new AuthSignIn(phone, sent.phoneCodeHash(), (String) code.get("code"), null)).ok())
                .isInstanceOf(AuthAuthorizationSignUpRequired.class);
        User carol = (User) ((AuthAuthorization) home.call(new AuthSignUp(false, phone, sent.phoneCodeHash(), "Carol",
                "")).ok()).user();
        String name = "carol_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36).substring(0, 8);
        home.call(new AccountUpdateUsername(name)).ok();

        // known now: DC 2 sends the phone home by the directory
        dc2Device.call(sendCode(phone)).isError(303, "PHONE_MIGRATE_1");

        Device dave = two.newDevice("dave");
        String davePhone = "44" + String.format("%09d", RANDOM.nextInt(1_000_000_000));
        AuthSentCode daveSent = (AuthSentCode) dave.call(sendCode(davePhone)).ok();
        String daveCode = (String) dc2Web.get().uri("/operator/login-codes/{phone}", davePhone).exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("code");
        dave.call(new AuthSignIn(davePhone, daveSent.phoneCodeHash(), daveCode, null)).ok();
        dave.call(new AuthSignUp(false, davePhone, daveSent.phoneCodeHash(), "Dave", "")).ok();

        ContactsResolvedPeer resolved = (ContactsResolvedPeer) dave.call(new ContactsResolveUsername(name, null)).ok();
        User carolForDave = (User) resolved.users().get(0);
        assertThat(carolForDave.id()).isEqualTo(carol.id());
        assertThat(carolForDave.firstName()).isEqualTo("Carol");
        List<TUser> users = dave.call(new UsersGetUsers(List.of(new InputUser(carol.id(), carolForDave.accessHash()))))
                .ok();
        assertThat(users).hasSize(1);

        AuthExportedAuthorization exported = (AuthExportedAuthorization) home.call(new AuthExportAuthorization(2)).ok();
        Device visiting = two.newDevice("visiting DC 2");
        AuthAuthorization imported = (AuthAuthorization) visiting.call(new AuthImportAuthorization(exported.id(),
                exported.bytes())).ok();
        assertThat(((User) imported.user()).id()).isEqualTo(carol.id());
        assertThat(two.registeredUser(visiting)).isEqualTo(carol.id());
        two.newDevice("replay").call(new AuthImportAuthorization(exported.id(), exported.bytes()))
                .isError(400, "AUTH_BYTES_INVALID");
        visiting.call(new UsersGetUsers(List.of(new InputUserSelf()))).isError(303, "USER_MIGRATE_1");
        visiting.call(new AuthLogOut()).ok();
        assertThat(two.registeredUser(visiting)).isZero();
        assertThat(one.registeredUser(home)).isEqualTo(carol.id());
    }
}
