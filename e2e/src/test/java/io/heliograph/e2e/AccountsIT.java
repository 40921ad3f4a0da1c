package io.heliograph.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.mtproto.crypto.RsaKeys;
import io.heliograph.testsupport.RealClients;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Accounts with real npm clients on the standalone platform: GramJS signs up a DC 2 test number while connected to
 * DC 1 (and is migrated), signs in again from a second device, logs the first out (the second stays), and resets a
 * third device's authorization from the second (the third is cut off); mtcute signs in an existing user, reads itself
 * with {@code users.getUsers} and resolves the other user's username.
 */
@ExtendWith(E2ePlatform.class)
class AccountsIT {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static Path clients;

    @BeforeAll
    static void install() throws Exception {
        clients = RealClients.install();
    }

    /** Telegram's test numbers: 99966 X YYYY lives in DC X, its login code is X five times. */
    private static String dc2TestPhone() {
        return Accounts.testPhone(2);
    }

    private static String username(String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < 10; i++) {
            sb.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return sb.toString();
    }

    private static List<String> gramJs(String phone, String username, String first, boolean onlySignup) {
        E2ePlatform.Started platform = E2ePlatform.platform();
        RSAPublicKey key = platform.rsaKey();
        int dc1 = platform.dc(1).get("tcpPort").asInt();
        int dc2 = platform.dc(2).get("tcpPort").asInt();
        List<String> cmd = new ArrayList<>(List.of("node", "gramjs-accounts.js", "127.0.0.1", Integer.toString(dc1),
                key.getModulus().toString(), key.getPublicExponent().toString(), Long.toString(RsaKeys.fingerprint(key)),
                "--ports=1:" + dc1 + ",2:" + dc2, "--phone=" + phone, "--code=22222", "--first=" + first,
                "--username=" + username, "--start-dc=1"));
        if (onlySignup) {
            cmd.add("--only-signup");
        }
        return cmd;
    }

    @Test
    void gramJsAndMtcuteLiveThroughSignUpMigrationSecondDevicesLogOutResetAndResolve() throws Exception {
        String phoneA = dc2TestPhone();
        String phoneB = dc2TestPhone();
        String userA = username("alice");
        String userB = username("bob");

        JsonNode a = GatewayRealClientsIT.lastJson(RealClients.run(clients, gramJs(phoneA, userA, "Alice", false), 240));
        assertThat(a.get("ok").asBoolean()).as(a.toString()).isTrue();
        assertThat(a.get("signedUpOnDc").asInt()).as("migrated from DC 1 to the number's home DC").isEqualTo(2);
        assertThat(a.get("sameUserOnSecondDevice").asBoolean()).isTrue();
        assertThat(a.get("authorizationsAfterSecondLogin").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(a.get("secondDeviceAfterFirstLoggedOut").asString()).isEqualTo(a.get("userId").asString());
        assertThat(a.get("thirdDeviceAfterReset").asString()).as("the reset device is cut off").isNotEqualTo("answered");

        // bob exists (mtcute cannot sign up), then mtcute signs in as bob on DC 2 and looks alice up
        JsonNode b = GatewayRealClientsIT.lastJson(RealClients.run(clients, gramJs(phoneB, userB, "Bob", true), 180));
        assertThat(b.get("ok").asBoolean()).as(b.toString()).isTrue();
        E2ePlatform.Started platform = E2ePlatform.platform();
        JsonNode m = GatewayRealClientsIT.lastJson(RealClients.run(clients, List.of("node", "mtcute-signin.mjs", "127.0.0.1",
                Integer.toString(platform.dc(2).get("tcpPort").asInt()), platform.rsaPem().toString(), "--phone=" + phoneB,
                "--code=22222", "--resolve=" + userA, "--dc=2"), 180));
        assertThat(m.get("ok").asBoolean()).as(m.toString()).isTrue();
        assertThat(m.get("userId").asString()).isEqualTo(b.get("userId").asString());
        assertThat(m.get("getUsersSelf").get(0).get("id").asString()).isEqualTo(b.get("userId").asString());
        assertThat(m.get("getUsersSelf").get(0).get("self").asBoolean()).isTrue();
        assertThat(m.get("resolved").get(0).get("id").asString()).isEqualTo(a.get("userId").asString());
        assertThat(m.get("resolved").get(0).get("accessHash").asString()).isEqualTo("set");
    }
}
