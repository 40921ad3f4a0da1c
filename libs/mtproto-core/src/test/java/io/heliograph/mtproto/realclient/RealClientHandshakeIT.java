package io.heliograph.mtproto.realclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.mtproto.crypto.RsaKeys;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.mtproto.session.RpcHandler;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.api.Config;
import io.heliograph.tl.api.DcOption;
import io.heliograph.tl.api.HelpGetConfig;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import io.heliograph.testsupport.RealClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real third-party clients, installed from npm, complete the auth key exchange against a server built on this library
 * alone and get {@code help.getConfig} answered in their own layer.
 */
class RealClientHandshakeIT {

    private static final KeyPair RSA = RsaKeys.generateServerKey(new SecureRandom());
    private static Path clients;

    @BeforeAll
    static void installClients() throws Exception {
        clients = RealClients.install();
    }

    @Test
    void gramJsCompletesTheHandshakeAndReadsTheConfig() throws Exception {
        RpcHandler rpc = call -> {
            if (call.function() instanceof HelpGetConfig) {
                return CompletableFuture.completedFuture(config(2, call.layer()));
            }
            return CompletableFuture.failedFuture(new RpcException(400, "METHOD_NOT_IN_TEST_SERVER"));
        };
        try (TestMtprotoServer server = new TestMtprotoServer(RSA, rpc)) {
            testServerPort = server.port();
            RSAPublicKey pub = (RSAPublicKey) RSA.getPublic();
            String out = run(List.of("node", "gramjs-connect.js", "127.0.0.1", Integer.toString(server.port()),
                    pub.getModulus().toString(), pub.getPublicExponent().toString(),
                    Long.toString(RsaKeys.fingerprint(pub))), 90);
            assertThat(out).contains("\"ok\":true").contains("\"thisDc\":2")
                    .contains("\"port\":" + server.port()).contains("\"authKeyId\":\"set\"");
        }
    }

    @Test
    void mtcuteCompletesTheHandshakeAndReadsTheConfig() throws Exception {
        RpcHandler rpc = call -> {
            if (call.function() instanceof HelpGetConfig) {
                return CompletableFuture.completedFuture(config(2, call.layer()));
            }
            if (call.function() instanceof io.heliograph.tl.api.UpdatesGetState) {
                return CompletableFuture.completedFuture(new io.heliograph.tl.api.UpdatesState(1, 0,
                        (int) (System.currentTimeMillis() / 1000), 0, 0));
            }
            return CompletableFuture.failedFuture(new RpcException(400, "METHOD_NOT_IN_TEST_SERVER"));
        };
        try (TestMtprotoServer server = new TestMtprotoServer(RSA, rpc)) {
            testServerPort = server.port();
            Path pem = Files.createTempFile(clients, "server", ".pub.pem");
            Files.writeString(pem, RsaKeys.toPkcs1Pem((RSAPublicKey) RSA.getPublic()));
            String out = run(List.of("node", "mtcute-connect.mjs", "127.0.0.1", Integer.toString(server.port()),
                    pem.toAbsolutePath().toString()), 90);
            assertThat(out).contains("\"ok\":true").contains("\"thisDc\":2").contains("\"port\":" + server.port());
            assertThat(server.sessions).isNotNull();
        }
    }

    @Test
    void mtprotoCoreCompletesTheLegacyHandshakeOverTheObfuscatedTransport() throws Exception {
        RpcHandler rpc = call -> call.function() instanceof HelpGetConfig
                ? CompletableFuture.completedFuture(config(2, call.layer()))
                : CompletableFuture.failedFuture(new RpcException(400, "METHOD_NOT_IN_TEST_SERVER"));
        try (TestMtprotoServer server = new TestMtprotoServer(RSA, rpc)) {
            testServerPort = server.port();
            RSAPublicKey pub = (RSAPublicKey) RSA.getPublic();
            String out = run(List.of("node", "mtproto-core-connect.js", "127.0.0.1", Integer.toString(server.port()),
                    pub.getModulus().toString(16), pub.getPublicExponent().toString(16),
                    // the library reads longs as unsigned decimal strings and writes them back the same way
                    Long.toUnsignedString(RsaKeys.fingerprint(pub))), 90);
            assertThat(out).contains("\"ok\":true").contains("\"thisDc\":2").contains("\"port\":" + server.port());
        }
    }

    private static int testServerPort;

    /** A config naming this test server as DC 2; every other field at its zero value. */
    static TlObject config(int thisDc, int layer) {
        DcOption dc = new DcOption(false, false, false, false, false, false, thisDc, "127.0.0.1", testServerPort, null);
        Map<String, Object> fields = Map.of("date", (int) (System.currentTimeMillis() / 1000),
                "expires", (int) (System.currentTimeMillis() / 1000) + 3600, "thisDc", thisDc, "dcOptions", List.of(dc),
                "testMode", false, "meUrlPrefix", "https://t.me/", "chatSizeMax", 200, "megagroupSizeMax", 200000,
                "messageLengthMax", 4096, "captionLengthMax", 1024);
        fields = new java.util.HashMap<>(fields);
        fields.put("suggestedLangCode", "en");
        fields.put("langPackVersion", 1);
        fields.put("baseLangPackVersion", 1);
        return build(Config.class, fields);
    }

    static <T> T build(Class<T> record, Map<String, Object> values) {
        try {
            RecordComponent[] comps = record.getRecordComponents();
            Class<?>[] types = new Class<?>[comps.length];
            Object[] args = new Object[comps.length];
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
                Object v = values.get(comps[i].getName());
                if (v == null) {
                    if (types[i] == int.class) {
                        v = 0;
                    } else if (types[i] == long.class) {
                        v = 0L;
                    } else if (types[i] == boolean.class) {
                        v = false;
                    } else if (types[i] == String.class) {
                        v = "";
                    } else if (types[i] == List.class) {
                        v = List.of();
                    }
                }
                args[i] = v;
            }
            return record.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        return RealClients.run(clients, command, timeoutSeconds);
    }
}
