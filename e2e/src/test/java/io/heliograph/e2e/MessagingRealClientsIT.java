package io.heliograph.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.mtproto.crypto.RsaKeys;
import io.heliograph.testsupport.RealClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The acceptance test of private messaging: two real third-party clients, GramJS (as alice, DC 2) and mtcute (as bob,
 * DC 1), exchange private messages both ways through their own high-level APIs and receive each other's messages,
 * edits, deletions and read receipts as pushed updates through their own update handling; each, stopped and started
 * again with its saved session (mtcute's SQLite storage, GramJS's StringSession and saved updates state), catches up
 * on what was sent meanwhile by {@code updates.getDifference} (all of it, once, in order); a send GramJS retries with
 * the same {@code random_id} is stored once; history and
 * dialogs list through each client's own API. The scripts are {@code tools/real-clients/gramjs-chat.js} and
 * {@code mtcute-chat.mjs}, long-running processes this test drives by JSON lines.
 */
@ExtendWith(E2ePlatform.class)
class MessagingRealClientsIT {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int WAIT = 30;
    private static Path clients;

    @TempDir
    Path temp;

    @BeforeAll
    static void install() throws Exception {
        clients = RealClients.install();
    }

    private static String testPhone(int dc) {
        return Accounts.testPhone(dc);
    }

    private static String code(int dc) {
        return Integer.toString(dc).repeat(5);
    }

    private static List<String> gramJsKeyArgs(String script) {
        E2ePlatform.Started platform = E2ePlatform.platform();
        RSAPublicKey key = platform.rsaKey();
        int dc1 = platform.dc(1).get("tcpPort").asInt();
        int dc2 = platform.dc(2).get("tcpPort").asInt();
        return new ArrayList<>(List.of("node", script, "127.0.0.1", Integer.toString(dc1), key.getModulus().toString(),
                key.getPublicExponent().toString(), Long.toString(RsaKeys.fingerprint(key)), "--ports=1:" + dc1 + ",2:" + dc2));
    }

    private ClientProcess gramJs(String phone, int dc, Path session) throws Exception {
        List<String> cmd = gramJsKeyArgs("gramjs-chat.js");
        cmd.addAll(List.of("--phone=" + phone, "--code=" + code(dc), "--first=Alice", "--start-dc=" + dc, "--session=" + session,
                "--state=" + session.resolveSibling(session.getFileName() + ".state")));
        return new ClientProcess("gramjs", clients, cmd);
    }

    private ClientProcess mtcute(String phone, int dc, Path storage, boolean catchUp) throws Exception {
        E2ePlatform.Started platform = E2ePlatform.platform();
        List<String> cmd = new ArrayList<>(List.of("node", "mtcute-chat.mjs", "127.0.0.1", Integer.toString(platform.dc(dc).get("tcpPort").asInt()),
                platform.rsaPem().toString(), "--phone=" + phone, "--code=" + code(dc), "--dc=" + dc, "--storage=" + storage));
        if (catchUp) {
            cmd.add("--catch-up");
        }
        return new ClientProcess("mtcute", clients, cmd);
    }

    private static String username(String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < 10; i++) {
            sb.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return sb.toString();
    }

    @Test
    void gramJsAndMtcuteExchangeEditReadDeleteCatchUpAndList() throws Exception {
        String alicePhone = testPhone(2);
        String bobPhone = testPhone(1);
        Path aliceSession = temp.resolve("alice.gramjs-session");
        Path bobStorage = temp.resolve("bob.mtcute-session");

        // bob must exist before mtcute signs in as him (mtcute cannot sign up): GramJS signs him up on DC 1
        List<String> signup = gramJsKeyArgs("gramjs-accounts.js");
        signup.addAll(List.of("--phone=" + bobPhone, "--code=" + code(1), "--first=Bob", "--username=" + username("bob"),
                "--start-dc=1", "--only-signup"));
        JsonNode bobSignedUp = GatewayRealClientsIT.lastJson(RealClients.run(clients, signup, 180));
        assertThat(bobSignedUp.get("ok").asBoolean()).as(bobSignedUp.toString()).isTrue();
        assertThat(bobSignedUp.get("signedUpOnDc").asInt()).isEqualTo(1);

        ClientProcess alice = gramJs(alicePhone, 2, aliceSession);
        ClientProcess bob = mtcute(bobPhone, 1, bobStorage, false);
        try {
            String aliceId = alice.awaitEvent("ready", n -> true, 180).get("userId").asString();
            String bobId = bob.awaitEvent("ready", n -> true, 180).get("userId").asString();
            assertThat(bobId).isEqualTo(bobSignedUp.get("userId").asString());
            assertThat(alice.call("resolve", Map.of("phone", bobPhone)).get("userId").asString()).isEqualTo(bobId);
            assertThat(bob.call("resolve", Map.of("phone", alicePhone)).get("userId").asString()).isEqualTo(aliceId);

            // 1. each sends, the other gets it pushed, with the right text and sender
            int aliceFirst = alice.call("send", Map.of("to", bobId, "text", "hello from GramJS")).get("msgId").asInt();
            JsonNode atBob = bob.awaitEvent("new", n -> n.get("text").asString().equals("hello from GramJS"), WAIT);
            assertThat(atBob.get("senderId").asString()).isEqualTo(aliceId);
            assertThat(atBob.get("out").asBoolean()).isFalse();
            int bobCopyOfAliceFirst = atBob.get("id").asInt();

            int bobFirst = bob.call("send", Map.of("to", aliceId, "text", "hello from mtcute")).get("msgId").asInt();
            JsonNode atAlice = alice.awaitEvent("new", n -> n.get("text").asString().equals("hello from mtcute"), WAIT);
            assertThat(atAlice.get("senderId").asString()).isEqualTo(bobId);
            assertThat(atAlice.get("out").asBoolean()).isFalse();
            int aliceCopyOfBobFirst = atAlice.get("id").asInt();

            // 2. edits reach the other as edits, reads reach the sender as outbox reads, revoked deletions as deletions
            alice.call("edit", Map.of("to", bobId, "msgId", aliceFirst, "text", "hello from GramJS (edited)"));
            JsonNode editAtBob = bob.awaitEvent("edit", n -> n.get("id").asInt() == bobCopyOfAliceFirst, WAIT);
            assertThat(editAtBob.get("text").asString()).isEqualTo("hello from GramJS (edited)");
            bob.call("edit", Map.of("to", aliceId, "msgId", bobFirst, "text", "hello from mtcute (edited)"));
            JsonNode editAtAlice = alice.awaitEvent("edit", n -> n.get("id").asInt() == aliceCopyOfBobFirst, WAIT);
            assertThat(editAtAlice.get("text").asString()).isEqualTo("hello from mtcute (edited)");

            bob.call("read", Map.of("to", aliceId, "maxId", bobCopyOfAliceFirst));
            JsonNode readAtAlice = alice.awaitEvent("readOutbox", n -> n.get("maxId").asInt() >= aliceFirst, WAIT);
            assertThat(readAtAlice.get("peerId").asString()).isEqualTo(bobId);
            alice.call("read", Map.of("to", bobId, "maxId", aliceCopyOfBobFirst));
            JsonNode readAtBob = bob.awaitEvent("readOutbox", n -> n.get("maxId").asInt() >= bobFirst, WAIT);
            assertThat(readAtBob.get("peerId").asString()).isEqualTo(aliceId);

            // 4. a send retried with the same random_id is stored once
            String randomId = Long.toString(RANDOM.nextLong());
            JsonNode twice = alice.call("sendRaw", Map.of("to", bobId, "text", "sent twice, stored once", "randomId", randomId, "times", 2));
            assertThat(twice.get("msgIds").get(0).asInt()).isEqualTo(twice.get("msgIds").get(1).asInt());
            bob.awaitEvent("new", n -> n.get("text").asString().equals("sent twice, stored once"), WAIT);

            // 5. history and dialogs through each client's own API
            List<String> aliceHistory = texts(alice.call("history", Map.of("to", bobId, "limit", 20)));
            assertThat(aliceHistory).containsExactly("sent twice, stored once", "hello from mtcute (edited)", "hello from GramJS (edited)");
            List<String> bobHistory = texts(bob.call("history", Map.of("to", aliceId, "limit", 20)));
            assertThat(bobHistory).containsExactly("sent twice, stored once", "hello from mtcute (edited)", "hello from GramJS (edited)");
            assertThat(bob.events("new", n -> n.get("text").asString().equals("sent twice, stored once"))).hasSize(1);
            JsonNode aliceDialogs = alice.call("dialogs", Map.of()).get("dialogs");
            assertThat(aliceDialogs.size()).as(aliceDialogs.toString()).isEqualTo(1);
            assertThat(aliceDialogs.get(0).get("peerId").asString()).isEqualTo(bobId);
            assertThat(aliceDialogs.get(0).get("topMessage").asString()).isEqualTo("sent twice, stored once");
            JsonNode bobDialogs = bob.call("dialogs", Map.of()).get("dialogs");
            assertThat(bobDialogs.size()).as(bobDialogs.toString()).isEqualTo(1);
            assertThat(bobDialogs.get(0).get("peerId").asString()).isEqualTo(aliceId);
            assertThat(bobDialogs.get(0).get("topMessage").asString()).isEqualTo("sent twice, stored once");

            // deletions for both sides
            alice.call("delete", Map.of("to", bobId, "msgIds", List.of(aliceFirst), "revoke", true));
            JsonNode deletedAtBob = bob.awaitEvent("delete", n -> n.get("msgIds").toString().contains(Integer.toString(bobCopyOfAliceFirst)), WAIT);
            assertThat(deletedAtBob.get("msgIds").size()).isEqualTo(1);
            bob.call("delete", Map.of("to", aliceId, "msgIds", List.of(bobFirst), "revoke", true));
            JsonNode deletedAtAlice = alice.awaitEvent("delete", n -> n.get("msgIds").toString().contains(Integer.toString(aliceCopyOfBobFirst)), WAIT);
            assertThat(deletedAtAlice.get("msgIds").size()).isEqualTo(1);
            assertThat(texts(bob.call("history", Map.of("to", aliceId, "limit", 20)))).containsExactly("sent twice, stored once");

            // 3. offline catch-up: bob stops (mtcute saves its state), alice sends five, bob starts again from his
            // storage and catches up by getDifference: all five, once, in order
            bob.quit();
            List<String> offline = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                offline.add("while you were away " + i);
                alice.call("send", Map.of("to", bobId, "text", "while you were away " + i));
            }
            bob = mtcute(bobPhone, 1, bobStorage, true);
            bob.awaitEvent("ready", n -> true, 180);
            for (String text : offline) {
                bob.awaitEvent("new", n -> n.get("text").asString().equals(text), WAIT);
            }
            // live again: a new message is pushed, and nothing was delivered twice
            alice.call("send", Map.of("to", bobId, "text", "welcome back"));
            bob.awaitEvent("new", n -> n.get("text").asString().equals("welcome back"), WAIT);
            List<String> caughtUp = bob.events("new", n -> true).stream().map(n -> n.get("text").asString()).toList();
            assertThat(caughtUp).as(bob.transcript()).containsExactly(offline.get(0), offline.get(1), offline.get(2), offline.get(3),
                    offline.get(4), "welcome back");

            // and the other way: GramJS stops (saving its updates state), bob writes three, GramJS comes back with its
            // saved StringSession, fetches what it missed with updates.getDifference and dispatches it through its own
            // update handling (GramJS 2.26's client.catchUp() is an empty stub, so the script asks for the difference
            // itself), then is pushed the next message live
            alice.quit();
            assertThat(Files.readString(aliceSession)).isNotBlank();
            List<String> missed = List.of("GramJS, you missed 1", "GramJS, you missed 2", "GramJS, you missed 3");
            for (String text : missed) {
                bob.call("send", Map.of("to", aliceId, "text", text));
            }
            alice = gramJs(alicePhone, 2, aliceSession);
            assertThat(alice.awaitEvent("ready", n -> true, 180).get("userId").asString()).isEqualTo(aliceId);
            assertThat(alice.awaitEvent("caughtUp", n -> true, WAIT).get("messages").asInt()).isEqualTo(3);
            for (String text : missed) {
                JsonNode m = alice.awaitEvent("new", n -> n.get("text").asString().equals(text), WAIT);
                assertThat(m.get("senderId").asString()).isEqualTo(bobId);
            }
            bob.call("send", Map.of("to", aliceId, "text", "GramJS is back"));
            JsonNode back = alice.awaitEvent("new", n -> n.get("text").asString().equals("GramJS is back"), WAIT);
            assertThat(back.get("senderId").asString()).isEqualTo(bobId);
            List<String> aliceGot = alice.events("new", n -> true).stream().map(n -> n.get("text").asString()).toList();
            assertThat(aliceGot).as(alice.transcript()).containsExactly(missed.get(0), missed.get(1), missed.get(2), "GramJS is back");

            alice.quit();
            bob.quit();
        } finally {
            alice.close();
            bob.close();
        }
    }

    private static List<String> texts(JsonNode reply) {
        List<String> texts = new ArrayList<>();
        for (JsonNode m : reply.get("messages")) {
            texts.add(m.get("text").asString());
        }
        return texts;
    }
}
