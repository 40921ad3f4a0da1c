package io.heliograph.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.gateway.keys.ServerKeyStore;
import io.heliograph.gateway.transport.MtprotoListeners;
import io.heliograph.mtproto.crypto.RsaKeys;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import org.springframework.context.ApplicationContext;
import io.heliograph.events.Topic;
import io.heliograph.platform.DcContext;
import io.heliograph.testsupport.FoundationAssertions;
import io.heliograph.testsupport.RealInfrastructure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** gateway-service starts against the real Kafka and Cassandra, provisions what it owns and reports ready. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + GatewayApplication.SERVICE, "spring.application.name=" + GatewayApplication.SERVICE, "heliograph.dc=2",
                "heliograph.gateway.tcp-host=127.0.0.1", "heliograph.gateway.rsa-key-path=target/it-keys/server-rsa.pem"})
@AutoConfigureWebTestClient
@RealInfrastructure
class GatewayServiceIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DcContext dc;

    @Autowired
    ApplicationContext context;

    @Test
    void readyWithRealInfrastructure() {
        FoundationAssertions.assertReady(client, "kafka");
        FoundationAssertions.assertPrometheus(client, GatewayApplication.SERVICE);
    }

    @Test
    void createsItsTopicsInItsDcNamespace() throws Exception {
        List<String> expected = List.of(
                dc.topic(Topic.BOX_COMMANDS),
                dc.topic(Topic.PRESENCE),
                dc.topic(Topic.CHANNEL_INTEREST),
                dc.topic(Topic.AUTH_EVENTS),
                dc.topic(Topic.SECRET_CHAT),
                dc.topics().gatewayDeliveries(dc.dc(), dc.instanceId()));
        assertThat(expected).allMatch(name -> name.contains(".dc2."));
        FoundationAssertions.assertTopics(expected, 2);
    }

    @Test
    void opensNoCassandraSession() {
        assertThat(context.getBeanNamesForType(com.datastax.oss.driver.api.core.CqlSession.class)).isEmpty();
    }

    @Autowired
    ServerKeyStore keys;

    @Autowired
    MtprotoListeners listener;

    @Test
    void publishesTheRsaPublicKeyAndItsFingerprint() throws Exception {
        String pem = Files.readString(keys.publicKeyPath());
        assertThat(RsaKeys.fingerprint(RsaKeys.parsePkcs1Pem(pem))).isEqualTo(keys.fingerprint());
        client.get().uri("/mtproto/public-key").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.fingerprint").isEqualTo(Long.toString(keys.fingerprint()))
                .jsonPath("$.pem").isEqualTo(pem);
        client.get().uri("/mtproto/public-key.pem").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Heliograph-Key-Fingerprint", Long.toString(keys.fingerprint()))
                .expectBody(String.class).isEqualTo(pem);
    }

    @Test
    void tcpListenerAnswersUnknownKeysWithTransportError404() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", listener.port())) {
            socket.setSoTimeout(5000);
            // abridged: marker, then a 16-byte packet whose auth_key_id no one registered
            byte[] frame = new byte[2 + 16];
            frame[0] = (byte) 0xef;
            frame[1] = 4;
            for (int i = 2; i < frame.length; i++) {
                frame[i] = (byte) (i * 7 + 1);
            }
            socket.getOutputStream().write(frame);
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("abridged length: one word").isEqualTo(1);
            byte[] reply = in.readNBytes(4);
            assertThat(java.nio.ByteBuffer.wrap(reply).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(-404);
        }
    }
}
