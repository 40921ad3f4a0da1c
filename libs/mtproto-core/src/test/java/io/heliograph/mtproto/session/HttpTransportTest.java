package io.heliograph.mtproto.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.mtproto.crypto.AuthKey;
import io.heliograph.mtproto.crypto.PacketCipher;
import io.heliograph.mtproto.crypto.RsaKeys;
import io.heliograph.mtproto.realclient.TestMtprotoServer;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.TlWriter;
import io.heliograph.tl.mtproto.MtprotoRegistry;
import io.heliograph.tl.mtproto.Ping;
import io.heliograph.tl.mtproto.ReqPqMulti;
import io.heliograph.tl.mtproto.ResPQ;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The HTTP transport on the same port as the stream transports: POST /api, one message each way. */
class HttpTransportTest {

    @Test
    void keyExchangeAndEncryptedMessagesOverHttpPost() throws Exception {
        SecureRandom random = new SecureRandom();
        try (TestMtprotoServer server = new TestMtprotoServer(RsaKeys.generateServerKey(random),
                call -> CompletableFuture.failedFuture(new RpcException(400, "NOT_IN_TEST")))) {
            AuthKeyStore keys = server.keys;
            SessionRegistry sessions = server.sessions;
            URI api = URI.create("http://127.0.0.1:" + server.port() + "/api");
            HttpClient http = HttpClient.newHttpClient();

            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            byte[] reqPq = new ReqPqMulti(nonce).toBytes();
            long clientMsgId = (System.currentTimeMillis() / 1000) << 32;
            byte[] plain = new TlWriter().writeLong(0).writeLong(clientMsgId).writeInt(reqPq.length).writeRaw(reqPq).toByteArray();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(api).POST(HttpRequest.BodyPublishers.ofByteArray(plain)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("access-control-allow-origin")).contains("*");
            TlReader in = new TlReader(r.body());
            assertThat(in.readLong()).isZero();
            assertThat(in.readLong() & 3).isEqualTo(1);
            in.readInt();
            ResPQ resPq = (ResPQ) MtprotoRegistry.read(in);
            assertThat(resPq.nonce()).isEqualTo(nonce);

            byte[] k = new byte[256];
            random.nextBytes(k);
            AuthKey key = AuthKey.of(k);
            keys.put(new AuthKeyStore.Entry(key, false, 0, 2));
            long salt = sessions.salts().current(key.id());
            byte[] ping = new Ping(99).toBytes();
            byte[] message = new TlWriter().writeLong(salt).writeLong(42).writeLong(clientMsgId + 4).writeInt(1)
                    .writeInt(ping.length).writeRaw(ping).toByteArray();
            r = http.send(HttpRequest.newBuilder(api).POST(HttpRequest.BodyPublishers.ofByteArray(
                    PacketCipher.encrypt(key, 0, message, random))).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            PacketCipher.Decrypted d = (PacketCipher.Decrypted) PacketCipher.decrypt(key, 8, r.body(), 0, r.body().length);
            byte[] body = Arrays.copyOfRange(d.plaintext(), 32, 32 + d.messageDataLength());
            // new_session_created, pong and the ack, together in one container
            assertThat(new TlReader(body).readInt()).isEqualTo(0x73f1f8dc);
            assertThat(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1)).isNotEmpty();

            // http_wait with nothing to answer: the request is held max_wait (500 ms), not the 25 s default
            byte[] wait = new io.heliograph.tl.mtproto.HttpWait(0, 0, 500).toBytes();
            byte[] waitMessage = new TlWriter().writeLong(salt).writeLong(42).writeLong(clientMsgId + 8).writeInt(2)
                    .writeInt(wait.length).writeRaw(wait).toByteArray();
            HttpResponse<byte[]> polled = http.send(HttpRequest.newBuilder(api).timeout(java.time.Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(PacketCipher.encrypt(key, 0, waitMessage, random))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(polled.statusCode()).isEqualTo(204);

            HttpResponse<byte[]> notFound = http.send(HttpRequest.newBuilder(URI.create(api.toString().replace("/api", "/nope")))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(plain)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(notFound.statusCode()).isEqualTo(404);
        }
    }
}
