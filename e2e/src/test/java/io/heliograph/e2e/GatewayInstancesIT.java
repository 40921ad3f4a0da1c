package io.heliograph.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import io.heliograph.events.EventCodec;
import io.heliograph.events.EventEnvelope;
import io.heliograph.events.SessionDelivery;
import io.heliograph.events.SessionPresence;
import io.heliograph.mtproto.client.ClientOptions;
import io.heliograph.mtproto.client.ClientTransport;
import io.heliograph.mtproto.client.MtprotoClient;
import io.heliograph.mtproto.client.Probe;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.api.Config;
import io.heliograph.tl.api.HelpGetConfig;
import io.heliograph.tl.api.HelpGetNearestDc;
import io.heliograph.tl.api.NearestDc;
import io.heliograph.tl.api.UpdateShort;
import io.heliograph.tl.api.UpdateUserTyping;
import io.heliograph.tl.api.MessagesGetSavedGifs;
import io.heliograph.tl.api.UpdatesGetState;
import io.heliograph.tl.api.SendMessageTypingAction;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway as a DC runs it, with two instances: keys made on one work on the other (the session service owns
 * them), calls are routed or refused with proper errors, an authorized session's presence names its instance, and an
 * update addressed to it on that instance's deliveries topic reaches the client. Then 10,000 connections at once.
 */
@ExtendWith(E2ePlatform.class)
class GatewayInstancesIT {

    private static final String KAFKA = "127.0.0.1:19092";
    private static final String CASSANDRA = "127.0.0.1:19042";

    private static InetSocketAddress gateway(int dc, int instance) {
        return new InetSocketAddress("127.0.0.1", E2ePlatform.platform().gateway(dc, instance).get("tcpPort").asInt());
    }

    private static ClientOptions.Builder options(InetSocketAddress address, int dc) {
        return ClientOptions.builder(address).transport(ClientTransport.INTERMEDIATE).dcId(dc)
                .rsaKey(E2ePlatform.platform().rsaKey()).requestTimeout(Duration.ofSeconds(20));
    }

    @Test
    void aKeyCreatedOnOneInstanceIsKnownToTheOtherAndToTheSessionService() throws Exception {
        MtprotoClient first = MtprotoClient.connect(options(gateway(2, 0), 2).build()).get(30, TimeUnit.SECONDS);
        Config config = (Config) first.call(new HelpGetConfig()).get(20, TimeUnit.SECONDS);
        assertThat(config.thisDc()).isEqualTo(2);
        long keyId = first.authKey().id();
        first.close().get(10, TimeUnit.SECONDS);

        HttpResponse<String> registered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(E2ePlatform.platform().serviceUrl("session-service-dc2") + "/internal/auth-keys/" + keyId)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);

        // the same key and session on the other instance: no new handshake, calls answered
        double handshakesBefore = counter(E2ePlatform.platform().metrics(2, 1), "heliograph_gateway_handshakes_total");
        MtprotoClient second = MtprotoClient.connect(first.resumeOptions().toBuilder().address(gateway(2, 1)).build())
                .get(30, TimeUnit.SECONDS);
        try {
            assertThat(second.authKey().id()).isEqualTo(keyId);
            NearestDc nearest = (NearestDc) second.call(new HelpGetNearestDc()).get(20, TimeUnit.SECONDS);
            assertThat(nearest.thisDc()).isEqualTo(2);
            assertThat(counter(E2ePlatform.platform().metrics(2, 1), "heliograph_gateway_handshakes_total"))
                    .isEqualTo(handshakesBefore);
            // not logged in: methods that need a user are refused as Telegram refuses them
            assertThatThrownBy(() -> second.call(new UpdatesGetState()).join())
                    .hasCauseInstanceOf(RpcException.class)
                    .satisfies(e -> assertThat(((RpcException) e.getCause()).type()).isEqualTo("AUTH_KEY_UNREGISTERED"));
        } finally {
            second.close();
        }
    }

    @Test
    void anAuthorizedSessionIsAnnouncedWithItsInstanceAndGetsWhatFanOutAddressesToIt() throws Exception {
        // a key made on instance 0, then authorized as a user (login itself is the session service's issue; here the
        // row is written as login will write it)
        MtprotoClient setup = MtprotoClient.connect(options(gateway(2, 0), 2).build()).get(30, TimeUnit.SECONDS);
        setup.call(new HelpGetNearestDc()).get(20, TimeUnit.SECONDS);
        long keyId = setup.authKey().id();
        setup.close().get(10, TimeUnit.SECONDS);
        long userId = 7_000_000_000L + (keyId & 0xffffff);
        try (CqlSession cql = CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", 19042))
                .withLocalDatacenter("datacenter1").build()) {
            cql.execute("UPDATE heliograph_dc2.auth_keys SET user_id = " + userId + " WHERE auth_key_id = " + keyId);
        }

        try (KafkaConsumer<String, byte[]> presence = consumer("dc2.presence");
                KafkaProducer<String, byte[]> producer = producer()) {
            LinkedBlockingQueue<TlObject> pushed = new LinkedBlockingQueue<>();
            // instance 1 has never seen the key: it loads it, with its user, from the session service
            MtprotoClient client = MtprotoClient.connect(setup.resumeOptions().toBuilder().address(gateway(2, 1)).newSession()
                    .pushListener((c, o) -> pushed.add(o)).build()).get(30, TimeUnit.SECONDS);
            try {
                client.call(new HelpGetNearestDc()).get(20, TimeUnit.SECONDS);
                SessionPresence online = awaitPresence(presence, userId, true);
                assertThat(online.gatewayInstance()).isEqualTo("dc2-1");
                assertThat(online.authKeyId()).isEqualTo(keyId);
                assertThat(online.sessionId()).isEqualTo(client.sessionId());

                // not yet built: a proper rpc_error, not silence
                assertThatThrownBy(() -> client.call(new MessagesGetSavedGifs(0)).join())
                        .hasCauseInstanceOf(RpcException.class)
                        .satisfies(e -> assertThat(((RpcException) e.getCause()).type()).isEqualTo("METHOD_NOT_IMPLEMENTED"));

                UpdateShort typing = new UpdateShort(new UpdateUserTyping(42L, null, new SendMessageTypingAction()),
                        (int) Instant.now().getEpochSecond());
                SessionDelivery delivery = new SessionDelivery(userId, keyId, client.sessionId(), 0, typing.toBytes());
                producer.send(new ProducerRecord<>("dc2.gateway.dc2-1.deliveries", Long.toString(keyId),
                        new EventCodec().encode(delivery, Instant.now()))).get(10, TimeUnit.SECONDS);
                TlObject got = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (got == null && System.nanoTime() < deadline) {
                    TlObject o = pushed.poll(1, TimeUnit.SECONDS);
                    if (o instanceof UpdateShort) {
                        got = o;
                    }
                }
                assertThat(got).isEqualTo(typing);
            } finally {
                client.close().get(10, TimeUnit.SECONDS);
            }
            SessionPresence offline = awaitPresence(presence, userId, false);
            assertThat(offline.gatewayInstance()).isEqualTo("dc2-1");
        }
    }

    @Test
    void aLoginOnAnyInstanceCountsOnEveryInstanceAndAResetCutsTheDeviceOffEverywhere() throws Exception {
        MtprotoClient onFirst = MtprotoClient.connect(options(gateway(2, 0), 2).build()).get(30, TimeUnit.SECONDS);
        onFirst.call(new HelpGetNearestDc()).get(20, TimeUnit.SECONDS);
        MtprotoClient onSecond = MtprotoClient.connect(onFirst.resumeOptions().toBuilder().address(gateway(2, 1))
                .newSession().build()).get(30, TimeUnit.SECONDS);
        try {
            long keyId = onFirst.authKey().id();
            long userId = 8_000_000_000L + (keyId & 0xffffff);
            assertThat(errorType(onSecond.call(new UpdatesGetState()))).isEqualTo("AUTH_KEY_UNREGISTERED");
            try (KafkaProducer<String, byte[]> producer = producer()) {
                producer.send(new ProducerRecord<>("dc2.auth-events", Long.toString(userId),
                        new EventCodec().encode(new io.heliograph.events.AuthorizationGranted(userId, keyId), Instant.now())))
                        .get(10, TimeUnit.SECONDS);
                // both instances now route the user's calls (to a service that does not serve this method)
                for (MtprotoClient c : List.of(onFirst, onSecond)) {
                    awaitErrorType(c, "METHOD_NOT_IMPLEMENTED");
                }
                producer.send(new ProducerRecord<>("dc2.auth-events", Long.toString(userId),
                        new EventCodec().encode(new io.heliograph.events.AuthorizationReset(userId, keyId, "test"), Instant.now())))
                        .get(10, TimeUnit.SECONDS);
            }
            onFirst.closeFuture().get(20, TimeUnit.SECONDS);
            onSecond.closeFuture().get(20, TimeUnit.SECONDS);
            MtprotoClient again = MtprotoClient.connect(onFirst.resumeOptions().toBuilder().newSession().build())
                    .get(30, TimeUnit.SECONDS);
            try {
                assertThat(errorType(again.call(new UpdatesGetState()))).isEqualTo("AUTH_KEY_UNREGISTERED");
            } finally {
                again.close();
            }
        } finally {
            onFirst.close();
            onSecond.close();
        }
    }

    private static String errorType(CompletableFuture<?> call) {
        try {
            call.get(20, TimeUnit.SECONDS);
            return "answered";
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof RpcException r ? r.type() : e.getCause().toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void awaitErrorType(MtprotoClient client, String type) throws InterruptedException {
        String last = null;
        for (int i = 0; i < 100; i++) {
            last = errorType(client.call(new MessagesGetSavedGifs(0)));
            if (last.equals(type)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + type + ", last answer " + last);
    }

    @Test
    void theHttpTransportAnswersOnTheTcpPort() throws Exception {
        byte[] nonce = new byte[16];
        new java.security.SecureRandom().nextBytes(nonce);
        byte[] body = new io.heliograph.tl.mtproto.ReqPqMulti(nonce).toBytes();
        io.heliograph.tl.TlWriter w = new io.heliograph.tl.TlWriter(20 + body.length);
        w.writeLong(0).writeLong((System.currentTimeMillis() / 1000) << 32).writeInt(body.length).writeRaw(body);
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway(2, 0).getPort() + "/api"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(w.toByteArray())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        io.heliograph.tl.TlReader r = new io.heliograph.tl.TlReader(response.body());
        assertThat(r.readLong()).as("unencrypted").isZero();
        r.readLong();
        r.readInt();
        io.heliograph.tl.mtproto.ResPQ resPq = (io.heliograph.tl.mtproto.ResPQ) io.heliograph.tl.mtproto.MtprotoRegistry.read(r);
        assertThat(resPq.nonce()).isEqualTo(nonce);
        assertThat(resPq.serverPublicKeyFingerprints())
                .containsExactly(io.heliograph.mtproto.crypto.RsaKeys.fingerprint(E2ePlatform.platform().rsaKey()));
    }

    @Test
    void tenThousandConcurrentConnectionsAndTheGatewayStillAnswers() throws Exception {
        int n = 10_000;
        List<CompletableFuture<Probe>> opening = new ArrayList<>();
        List<Probe> open = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < n; i++) {
                opening.add(MtprotoClient.probe(options(gateway(1, 0), 1).build()));
                if (opening.size() == 500) {
                    for (CompletableFuture<Probe> f : opening) {
                        open.add(f.get(60, TimeUnit.SECONDS));
                    }
                    opening.clear();
                }
            }
            for (CompletableFuture<Probe> f : opening) {
                open.add(f.get(60, TimeUnit.SECONDS));
            }
            Duration opened = E2ePlatform.since(t0);
            assertThat(open).hasSize(n).allMatch(Probe::isOpen);
            assertThat(gauge(E2ePlatform.platform().metrics(1, 0), "heliograph_gateway_connections")).isGreaterThanOrEqualTo(n);

            // with all of them open, a new client still gets a key and its answers
            long t1 = System.nanoTime();
            MtprotoClient client = MtprotoClient.connect(options(gateway(1, 0), 1).build()).get(60, TimeUnit.SECONDS);
            Config config = (Config) client.call(new HelpGetConfig()).get(30, TimeUnit.SECONDS);
            assertThat(config.thisDc()).isEqualTo(1);
            client.ping().get(30, TimeUnit.SECONDS);
            System.out.printf("%d connections opened in %d ms; a new handshake + help.getConfig + ping took %d ms with them open%n",
                    n, opened.toMillis(), E2ePlatform.since(t1).toMillis());
            client.close();
            assertThat(open).allMatch(Probe::isOpen);
        } finally {
            for (Probe p : open) {
                p.close();
            }
        }
    }

    private static SessionPresence awaitPresence(KafkaConsumer<String, byte[]> consumer, long userId, boolean online) {
        EventCodec codec = new EventCodec();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                EventEnvelope e = codec.decode(r.value());
                if (e.event() instanceof SessionPresence p && p.userId() == userId && p.online() == online) {
                    assertThat(r.key()).isEqualTo(p.userId() + ":" + p.authKeyId() + ":" + p.sessionId());
                    return p;
                }
            }
        }
        throw new AssertionError("no presence " + (online ? "online" : "offline") + " for user " + userId);
    }

    private static KafkaConsumer<String, byte[]> consumer(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return c;
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    static double counter(String prometheus, String name) {
        return gauge(prometheus, name);
    }

    /** Sums every series of a meter in Prometheus text. */
    static double gauge(String prometheus, String name) {
        double sum = 0;
        for (String line : prometheus.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
