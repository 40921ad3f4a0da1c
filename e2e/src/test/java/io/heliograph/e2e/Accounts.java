package io.heliograph.e2e;

import io.heliograph.mtproto.client.ClientOptions;
import io.heliograph.mtproto.client.ClientTransport;
import io.heliograph.mtproto.client.MtprotoClient;
import io.heliograph.tl.api.AuthAuthorization;
import io.heliograph.tl.api.AuthAuthorizationSignUpRequired;
import io.heliograph.tl.api.AuthSendCode;
import io.heliograph.tl.api.AuthSentCode;
import io.heliograph.tl.api.AuthSignIn;
import io.heliograph.tl.api.AuthSignUp;
import io.heliograph.tl.api.CodeSettings;
import io.heliograph.tl.api.InputPeerUser;
import io.heliograph.tl.api.TAuthAuthorization;
import io.heliograph.tl.api.User;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Test users of the e2e platform, signed up with our own client through the real login (test numbers). */
final class Accounts {

    /** A signed-in device: its connection and the user it is. */
    record Device(MtprotoClient client, User user) {
        long id() {
            return user.id();
        }

        /** How this user is named to {@code viewer}: the access hash must be the one the viewer was shown. */
        InputPeerUser peerFor(User asSeenByViewer) {
            return new InputPeerUser(asSeenByViewer.id(), asSeenByViewer.accessHash());
        }

        void close() throws Exception {
            client.close().get(10, TimeUnit.SECONDS);
        }
    }

    private Accounts() {
    }

    static InetSocketAddress gateway(int dc, int instance) {
        return new InetSocketAddress("127.0.0.1", E2ePlatform.platform().gateway(dc, instance).get("tcpPort").asInt());
    }

    static ClientOptions.Builder options(int dc, int instance) {
        return ClientOptions.builder(gateway(dc, instance)).transport(ClientTransport.INTERMEDIATE).dcId(dc)
                .rsaKey(E2ePlatform.platform().rsaKey()).requestTimeout(Duration.ofSeconds(30));
    }

    /** The next YYYY per DC: from a random start, never the same twice in one run (a platform starts empty). */
    private static final Map<Integer, AtomicInteger> NEXT_NUMBER = new ConcurrentHashMap<>();

    /**
     * A fresh test number homed in {@code dc} ({@code 99966XYYYY}; the code is X five times), distinct from every
     * other this test run hands out, so no two tests sign in as one user by chance.
     */
    static String testPhone(int dc) {
        int n = NEXT_NUMBER.computeIfAbsent(dc, d -> new AtomicInteger(ThreadLocalRandom.current().nextInt(10_000)))
                .getAndIncrement();
        return "99966" + dc + String.format("%04d", Math.floorMod(n, 10_000));
    }

    /** Signs up (or in) a new test user homed in {@code dc}, on gateway instance {@code instance} of that DC. */
    static Device signUp(int dc, int instance, String firstName, ClientOptions.Builder extra) throws Exception {
        MtprotoClient client = MtprotoClient.connect(extra == null ? options(dc, instance).build() : extra.build())
                .get(30, TimeUnit.SECONDS);
        return new Device(client, login(client, testPhone(dc), dc, firstName));
    }

    static User login(MtprotoClient client, String phone, int dc, String firstName) throws Exception {
        String code = String.valueOf(dc).repeat(5);
        AuthSentCode sent = (AuthSentCode) client.call(new AuthSendCode(phone, 2040, "b18441a1ff607e10a989891a5462e627",
                new CodeSettings(false, false, false, false, false, false, null, null, null))).get(30, TimeUnit.SECONDS);
        TAuthAuthorization auth = client.call(new AuthSignIn(phone, sent.phoneCodeHash(), code, null)).get(30, TimeUnit.SECONDS);
        if (auth instanceof AuthAuthorizationSignUpRequired) {
            auth = client.call(new AuthSignUp(false, phone, sent.phoneCodeHash(), firstName, "")).get(30, TimeUnit.SECONDS);
        }
        return (User) ((AuthAuthorization) auth).user();
    }
}
