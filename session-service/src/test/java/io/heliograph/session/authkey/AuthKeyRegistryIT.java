package io.heliograph.session.authkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.heliograph.platform.rpc.AuthKeyId;
import io.heliograph.platform.rpc.AuthKeyRecord;
import io.heliograph.platform.rpc.ConnectionRecord;
import io.heliograph.session.SessionApplication;
import io.heliograph.testsupport.RealInfrastructure;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The auth key registry over HTTP against the real Cassandra: what is stored, what is refused, what expires. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + SessionApplication.SERVICE, "spring.application.name=" + SessionApplication.SERVICE, "heliograph.dc=2"})
@AutoConfigureWebTestClient
@RealInfrastructure
class AuthKeyRegistryIT {

    static final int DC = 2;
    static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    WebTestClient client;

    @Autowired
    CqlSession cql;

    @Autowired
    Clock clock;

    /** A fresh random key and its registration as a permanent key of this DC. */
    static AuthKeyRecord permanent() {
        byte[] key = new byte[256];
        RANDOM.nextBytes(key);
        return new AuthKeyRecord(AuthKeyId.forKey(key).value(), Base64.getEncoder().encodeToString(key), false, 0, DC, 0, 0);
    }

    AuthKeyRecord temporary(Duration lifetime) {
        AuthKeyRecord k = permanent();
        return new AuthKeyRecord(k.authKeyId(), k.authKey(), true, clock.instant().plus(lifetime).getEpochSecond(), DC, 0, 0);
    }

    static AuthKeyRecord boundTo(AuthKeyRecord temp, long permAuthKeyId) {
        return new AuthKeyRecord(temp.authKeyId(), temp.authKey(), true, temp.expiresAt(), DC, permAuthKeyId, 0);
    }

    @Test
    void registersFindsAndDeletesAPermanentKey() {
        AuthKeyRecord key = permanent();
        put(key).expectStatus().isNoContent();

        assertThat(get(key.authKeyId())).isEqualTo(key);
        cql.execute(SimpleStatement.newInstance("UPDATE auth_keys SET user_id = 777 WHERE auth_key_id = ?", key.authKeyId()));
        assertThat(get(key.authKeyId()).userId()).isEqualTo(777);

        client.delete().uri("/internal/auth-keys/{id}", key.authKeyId()).exchange().expectStatus().isNoContent();
        client.get().uri("/internal/auth-keys/{id}", key.authKeyId()).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").isEqualTo("AUTH_KEY_NOT_FOUND");
        client.delete().uri("/internal/auth-keys/{id}", key.authKeyId()).exchange().expectStatus().isNoContent();
        assertThat(row(key.authKeyId())).isNull();
    }

    @Test
    void reRegisteringTheSameKeyIsIdempotentAndWritesNothing() {
        AuthKeyRecord key = permanent();
        put(key).expectStatus().isNoContent();
        long written = cql.execute(SimpleStatement.newInstance(
                "SELECT WRITETIME(auth_key) FROM auth_keys WHERE auth_key_id = ?", key.authKeyId())).one().getLong(0);
        // the userId of a registration is ignored, and 0 leaves the (absent) binding alone
        put(new AuthKeyRecord(key.authKeyId(), key.authKey(), false, 0, DC, 0, 99)).expectStatus().isNoContent();
        assertThat(cql.execute(SimpleStatement.newInstance(
                "SELECT WRITETIME(auth_key) FROM auth_keys WHERE auth_key_id = ?", key.authKeyId())).one().getLong(0))
                .isEqualTo(written);
        assertThat(get(key.authKeyId())).isEqualTo(key);
    }

    @Test
    void anIdRegisteredWithAnotherKeyOrLifetimeConflicts() {
        AuthKeyRecord key = permanent();
        byte[] other = new byte[256];
        RANDOM.nextBytes(other);
        // what a 64-bit id collision would look like: the id of `key`, other bytes
        cql.execute(SimpleStatement.newInstance("INSERT INTO auth_keys (auth_key_id, auth_key, temporary, perm_auth_key_id) "
                + "VALUES (?, ?, false, 0)", key.authKeyId(), ByteBuffer.wrap(other)));
        put(key).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.error").isEqualTo("AUTH_KEY_CONFLICT")
                .jsonPath("$.message").isEqualTo("auth key " + key.authKeyId() + " is registered with a different key");
        assertThat(row(key.authKeyId()).getByteBuffer("auth_key")).isEqualTo(ByteBuffer.wrap(other));

        AuthKeyRecord perm = permanent();
        put(perm).expectStatus().isNoContent();
        AuthKeyRecord asTemporary = new AuthKeyRecord(perm.authKeyId(), perm.authKey(), true,
                clock.instant().plusSeconds(600).getEpochSecond(), DC, 0, 0);
        put(asTemporary).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("registered as permanent"));

        AuthKeyRecord temp = temporary(Duration.ofHours(1));
        put(temp).expectStatus().isNoContent();
        put(new AuthKeyRecord(temp.authKeyId(), temp.authKey(), true, temp.expiresAt() + 60, DC, 0, 0))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void badRegistrationsAre400AndWriteNothing() {
        AuthKeyRecord key = permanent();
        long id = key.authKeyId();
        String b64 = key.authKey();
        byte[] raw = Base64.getDecoder().decode(b64);
        long now = clock.instant().getEpochSecond();
        Map<AuthKeyRecord, String> refused = Map.ofEntries(
                Map.entry(new AuthKeyRecord(id + 1, b64, false, 0, DC, 0, 0), "AUTH_KEY_INVALID"),
                Map.entry(new AuthKeyRecord(id, Base64.getEncoder().encodeToString(Arrays.copyOf(raw, 255)), false, 0, DC, 0, 0),
                        "AUTH_KEY_INVALID"),
                Map.entry(new AuthKeyRecord(id, Base64.getEncoder().encodeToString(Arrays.copyOf(raw, 257)), false, 0, DC, 0, 0),
                        "AUTH_KEY_INVALID"),
                Map.entry(new AuthKeyRecord(id, "not base64!", false, 0, DC, 0, 0), "AUTH_KEY_INVALID"),
                Map.entry(new AuthKeyRecord(id, null, false, 0, DC, 0, 0), "AUTH_KEY_INVALID"),
                Map.entry(new AuthKeyRecord(id, b64, false, now + 60, DC, 0, 0), "EXPIRES_AT_INVALID"),
                Map.entry(new AuthKeyRecord(id, b64, true, now - 1, DC, 0, 0), "EXPIRES_AT_INVALID"),
                Map.entry(new AuthKeyRecord(id, b64, true, 0, DC, 0, 0), "EXPIRES_AT_INVALID"),
                Map.entry(new AuthKeyRecord(id, b64, true, now + Duration.ofDays(366).toSeconds(), DC, 0, 0),
                        "EXPIRES_AT_INVALID"),
                Map.entry(new AuthKeyRecord(id, b64, false, 0, 1, 0, 0), "DC_INVALID"),
                Map.entry(new AuthKeyRecord(id, b64, false, 0, DC, 12345, 0), "PERM_AUTH_KEY_INVALID"),
                Map.entry(new AuthKeyRecord(id, b64, true, now + 600, DC, 12345, 0), "PERM_AUTH_KEY_INVALID"),
                Map.entry(new AuthKeyRecord(id, b64, true, now + 600, DC, id, 0), "PERM_AUTH_KEY_INVALID"));
        refused.forEach((record, error) -> client.put().uri("/internal/auth-keys/{id}", id).bodyValue(record).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error").isEqualTo(error)
                .jsonPath("$.message").isNotEmpty());

        // the id in the path must be the body's, and a number
        put(permanent()).expectStatus().isNoContent();
        client.put().uri("/internal/auth-keys/{id}", id + 1).bodyValue(key).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message")
                .isEqualTo("authKeyId " + id + " in the body is not the id in the path, " + (id + 1));
        client.put().uri("/internal/auth-keys/abc").bodyValue(key).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("AUTH_KEY_INVALID");
        client.get().uri("/internal/auth-keys/12x").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("AUTH_KEY_INVALID");
        // a body that is not JSON, or none
        client.put().uri("/internal/auth-keys/{id}", id).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"authKeyId\":")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("BODY_INVALID");
        client.put().uri("/internal/auth-keys/{id}", id).contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("BODY_INVALID");

        assertThat(row(id)).isNull();
        assertThat(row(id + 1)).isNull();
    }

    @Test
    void aTemporaryKeysRowExpiresWithIt() {
        AuthKeyRecord temp = temporary(Duration.ofHours(1));
        put(temp).expectStatus().isNoContent();

        int ttl = cql.execute(SimpleStatement.newInstance("SELECT TTL(auth_key) FROM auth_keys WHERE auth_key_id = ?",
                temp.authKeyId())).one().getInt(0);
        assertThat(ttl).isBetween(3500, 3600);
        assertThat(get(temp.authKeyId())).isEqualTo(temp);

        AuthKeyRecord perm = permanent();
        put(perm).expectStatus().isNoContent();
        assertThat(row(perm.authKeyId()).isNull("expires_at")).isTrue();
        assertThat(cql.execute(SimpleStatement.newInstance("SELECT TTL(auth_key) FROM auth_keys WHERE auth_key_id = ?",
                perm.authKeyId())).one().isNull(0)).isTrue();

        // past its expiry (here: clock skew before the TTL removes the row) the key is not found
        AuthKeyRecord stale = permanent();
        cql.execute(SimpleStatement.newInstance("INSERT INTO auth_keys (auth_key_id, auth_key, temporary, perm_auth_key_id, "
                + "expires_at) VALUES (?, ?, true, 0, ?) USING TTL 60", stale.authKeyId(),
                ByteBuffer.wrap(Base64.getDecoder().decode(stale.authKey())), clock.instant().minusSeconds(1)));
        client.get().uri("/internal/auth-keys/{id}", stale.authKeyId()).exchange().expectStatus().isNotFound();
    }

    @Test
    void aTemporaryKeyIsBoundToAPermanentKeyAndCarriesItsUser() {
        AuthKeyRecord perm = permanent();
        put(perm).expectStatus().isNoContent();
        cql.execute(SimpleStatement.newInstance("UPDATE auth_keys SET user_id = 555 WHERE auth_key_id = ?", perm.authKeyId()));
        AuthKeyRecord temp = temporary(Duration.ofHours(2));
        put(temp).expectStatus().isNoContent();
        assertThat(get(temp.authKeyId()).permAuthKeyId()).isZero();

        put(boundTo(temp, perm.authKeyId())).expectStatus().isNoContent();
        AuthKeyRecord bound = get(temp.authKeyId());
        assertThat(bound.permAuthKeyId()).isEqualTo(perm.authKeyId());
        assertThat(bound.userId()).isEqualTo(555);
        int ttl = cql.execute(SimpleStatement.newInstance(
                "SELECT TTL(perm_auth_key_id) FROM auth_keys WHERE auth_key_id = ?", temp.authKeyId())).one().getInt(0);
        assertThat(ttl).isBetween(7100, 7200);

        // re-registering without a binding leaves it; an unknown or temporary "permanent" key is refused
        put(temp).expectStatus().isNoContent();
        put(boundTo(temp, perm.authKeyId() ^ 1)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("PERM_AUTH_KEY_INVALID");
        AuthKeyRecord otherTemp = temporary(Duration.ofHours(1));
        put(otherTemp).expectStatus().isNoContent();
        put(boundTo(temp, otherTemp.authKeyId())).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("is a temporary key"));
        assertThat(get(temp.authKeyId()).permAuthKeyId()).isEqualTo(perm.authKeyId());

        // a temporary key may be registered already bound
        AuthKeyRecord boundAtOnce = boundTo(temporary(Duration.ofMinutes(30)), perm.authKeyId());
        put(boundAtOnce).expectStatus().isNoContent();
        assertThat(get(boundAtOnce.authKeyId()).userId()).isEqualTo(555);
    }

    @Test
    void theConnectionOfAKeyRoundTripsIsValidatedAndGoesWithTheKey() {
        ConnectionRecord connection = new ConnectionRecord(228, 2040, "Pixel 7 \uD83D\uDCF1", "Android 14", "11.2.3",
                "de-DE", "android", "de");
        AuthKeyRecord key = permanent();
        putConnection(key.authKeyId(), connection).expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").isEqualTo("AUTH_KEY_NOT_FOUND");
        put(key).expectStatus().isNoContent();
        client.get().uri("/internal/auth-keys/{id}/connection", key.authKeyId()).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.error").isEqualTo("CONNECTION_NOT_FOUND");

        putConnection(key.authKeyId(), connection).expectStatus().isNoContent();
        assertThat(getConnection(key.authKeyId())).isEqualTo(connection);
        ConnectionRecord newer = new ConnectionRecord(227, 2040, "Pixel 8", null, "11.3", "de-DE", "", "de");
        putConnection(key.authKeyId(), newer).expectStatus().isNoContent();
        assertThat(getConnection(key.authKeyId())).isEqualTo(newer).extracting(ConnectionRecord::systemVersion).isEqualTo("");

        for (ConnectionRecord bad : new ConnectionRecord[] {
            new ConnectionRecord(0, 1, "", "", "", "", "", ""),
            new ConnectionRecord(1001, 1, "", "", "", "", "", ""),
            new ConnectionRecord(228, -1, "", "", "", "", "", ""),
            new ConnectionRecord(228, 1, "d".repeat(257), "", "", "", "", "")}) {
            putConnection(key.authKeyId(), bad).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error").isEqualTo("CONNECTION_INVALID");
        }
        assertThat(getConnection(key.authKeyId())).isEqualTo(newer);

        AuthKeyRecord temp = temporary(Duration.ofMinutes(10));
        put(temp).expectStatus().isNoContent();
        putConnection(temp.authKeyId(), connection).expectStatus().isNoContent();
        int ttl = cql.execute(SimpleStatement.newInstance(
                "SELECT TTL(layer) FROM auth_key_connections WHERE auth_key_id = ?", temp.authKeyId())).one().getInt(0);
        assertThat(ttl).isBetween(500, 600);

        client.delete().uri("/internal/auth-keys/{id}", key.authKeyId()).exchange().expectStatus().isNoContent();
        client.get().uri("/internal/auth-keys/{id}/connection", key.authKeyId()).exchange().expectStatus().isNotFound();
        assertThat(cql.execute(SimpleStatement.newInstance(
                "SELECT layer FROM auth_key_connections WHERE auth_key_id = ?", key.authKeyId())).one()).isNull();
    }

    private WebTestClient.ResponseSpec put(AuthKeyRecord record) {
        return client.put().uri("/internal/auth-keys/{id}", record.authKeyId()).bodyValue(record).exchange();
    }

    private AuthKeyRecord get(long id) {
        return client.get().uri("/internal/auth-keys/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody(AuthKeyRecord.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec putConnection(long id, ConnectionRecord connection) {
        return client.put().uri("/internal/auth-keys/{id}/connection", id).bodyValue(connection).exchange();
    }

    private ConnectionRecord getConnection(long id) {
        return client.get().uri("/internal/auth-keys/{id}/connection", id).exchange()
                .expectStatus().isOk()
                .expectBody(ConnectionRecord.class).returnResult().getResponseBody();
    }

    private Row row(long id) {
        return cql.execute(SimpleStatement.newInstance("SELECT * FROM auth_keys WHERE auth_key_id = ?", id)).one();
    }
}
