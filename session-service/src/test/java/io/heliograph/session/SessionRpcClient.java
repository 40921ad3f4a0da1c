package io.heliograph.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.platform.rpc.AuthKeyId;
import io.heliograph.platform.rpc.AuthKeyRecord;
import io.heliograph.platform.rpc.RpcHeaders;
import io.heliograph.tl.TlFunction;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.mtproto.RpcError;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Calls session-service's {@code POST /internal/rpc} as a gateway would, for devices whose permanent keys it first
 * registers at {@code /internal/auth-keys}; each device remembers the user its key is logged in as.
 */
public final class SessionRpcClient {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong MSG_IDS = new AtomicLong(7_300_000_000_000_000_000L);

    /** A TL answer: the result, or an rpc_error, and the authorized-user header when present. */
    public record Answer<R>(R result, Integer errorCode, String errorType, String authorizedUser) {

        public R ok() {
            assertThat(errorType).as("rpc_error %s %s", errorCode, errorType).isNull();
            return result;
        }

        public void isError(int code, String type) {
            assertThat(errorType).as("error type (result: %s)", result).isEqualTo(type);
            assertThat(errorCode).isEqualTo(code);
        }
    }

    private final WebTestClient client;
    private final int dc;

    public SessionRpcClient(WebTestClient client, int dc) {
        this.client = client;
        this.dc = dc;
    }

    /** A device: a registered permanent key, logged in as {@code userId} (0: not logged in). */
    public final class Device {

        public final long authKeyId;
        public final String model;
        public volatile long userId;
        /** The address the gateway reports for the device. */
        public volatile String clientIp = "203.0.113.7";

        Device(long authKeyId, String model) {
            this.authKeyId = authKeyId;
            this.model = model;
        }

        public <R> Answer<R> call(TlFunction<R> function) {
            EntityExchangeResult<byte[]> result = client.post().uri(RpcHeaders.PATH)
                    .contentType(MediaType.parseMediaType(RpcHeaders.MEDIA_TYPE))
                    .headers(h -> {
                        h.set(RpcHeaders.AUTH_KEY_ID, Long.toString(authKeyId));
                        h.set(RpcHeaders.PERM_AUTH_KEY_ID, Long.toString(authKeyId));
                        h.set(RpcHeaders.SESSION_ID, "1");
                        h.set(RpcHeaders.MSG_ID, Long.toString(MSG_IDS.addAndGet(4)));
                        h.set(RpcHeaders.LAYER, "198");
                        h.set(RpcHeaders.DC, Integer.toString(dc));
                        h.set(RpcHeaders.USER_ID, Long.toString(userId));
                        h.set(RpcHeaders.CLIENT_IP, clientIp);
                        h.set(RpcHeaders.API_ID, "2040");
                        h.set(RpcHeaders.DEVICE_MODEL, model);
                        h.set(RpcHeaders.SYSTEM_VERSION, "Linux");
                        h.set(RpcHeaders.APP_VERSION, "1.0");
                        h.set(RpcHeaders.LANG_PACK, "tdesktop");
                        h.set(RpcHeaders.LANG_CODE, "en");
                    })
                    .bodyValue(function.toBytes())
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody(byte[].class)
                    .returnResult();
            byte[] body = result.getResponseBody();
            String authorized = result.getResponseHeaders().getFirst(RpcHeaders.AUTHORIZED_USER);
            if (authorized != null) {
                userId = Long.parseLong(authorized);
            }
            TlReader reader = new TlReader(body);
            if (reader.readInt() == RpcError.CONSTRUCTOR_ID) {
                RpcError error = RpcError.deserializeBare(reader);
                return new Answer<>(null, error.errorCode(), new String(error.errorMessage(), StandardCharsets.UTF_8),
                        authorized);
            }
            return new Answer<>(function.readResult(new TlReader(body)), null, null, authorized);
        }
    }

    /** Registers a fresh permanent key of this DC, as a gateway does after a handshake. */
    public Device newDevice(String model) {
        byte[] key = new byte[256];
        RANDOM.nextBytes(key);
        long id = AuthKeyId.forKey(key).value();
        client.put().uri("/internal/auth-keys/{id}", id)
                .bodyValue(new AuthKeyRecord(id, Base64.getEncoder().encodeToString(key), false, 0, dc, 0, 0))
                .exchange().expectStatus().isNoContent();
        return new Device(id, model);
    }

    /** The user the registry says the key is logged in as. */
    public long registeredUser(Device device) {
        return client.get().uri("/internal/auth-keys/{id}", device.authKeyId).exchange()
                .expectStatus().isOk().expectBody(AuthKeyRecord.class).returnResult().getResponseBody().userId();
    }
}
