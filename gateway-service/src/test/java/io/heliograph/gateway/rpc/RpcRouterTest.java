package io.heliograph.gateway.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.gateway.GatewayMeters;
import io.heliograph.gateway.GatewayProperties;
import io.heliograph.gateway.authkeys.RemoteAuthKeyStore;
import io.heliograph.gateway.help.HelpMethods;
import io.heliograph.mtproto.session.ClientInfo;
import io.heliograph.mtproto.session.RpcCall;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.tl.TlFunction;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.api.Config;
import io.heliograph.tl.api.DcOption;
import io.heliograph.tl.api.HelpAppConfig;
import io.heliograph.tl.api.HelpAppConfigNotModified;
import io.heliograph.tl.api.HelpGetAppConfig;
import io.heliograph.tl.api.HelpGetConfig;
import io.heliograph.tl.api.HelpGetNearestDc;
import io.heliograph.tl.api.NearestDc;
import io.heliograph.tl.api.PhoneGetCallConfig;
import io.heliograph.tl.api.UpdatesGetState;
import io.heliograph.tl.layer.Layers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** Authorization, flood limits, the gateway's own help.* answers and unowned methods, without any service. */
class RpcRouterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RemoteAuthKeyStore keys = new RemoteAuthKeyStore(null, 2, Duration.ofSeconds(1), 1000);
    private final GatewayProperties properties = new GatewayProperties("127.0.0.1", 0, -1, Path.of("unused"),
            Duration.ofSeconds(120), Duration.ofMinutes(30), 1000, 1000, 1 << 20, Duration.ofSeconds(30),
            Duration.ofSeconds(30), new GatewayProperties.Flood(1, 3, Map.of("help.getNearestDc", new GatewayProperties.Rate(0.5, 1))),
            new GatewayProperties.HandshakeFlood(30, 300),
            Map.of(), List.of(new GatewayProperties.DcAddress(1, "10.0.0.1", 443, 0, false),
                    new GatewayProperties.DcAddress(2, "10.0.0.2", 443, 0, false)));
    private final RpcRouter router = new RpcRouter(new HelpMethods(2, properties, clock),
            new ServiceClients(Map.of(), WebClient.builder(), keys, Duration.ofSeconds(1), 2, "dc2-0"),
            new FloodLimiter(properties.flood(), clock), keys, new GatewayMeters(registry), null);

    private TlObject call(long permKey, TlFunction<?> fn) {
        return router.handle(new RpcCall(permKey, permKey, 1, 4, 228, ClientInfo.UNKNOWN, fn, "127.0.0.1"))
                .toCompletableFuture().join();
    }

    private static RpcException error(Runnable r) {
        try {
            r.run();
        } catch (CompletionException e) {
            return (RpcException) e.getCause();
        }
        throw new AssertionError("no error");
    }

    @Test
    void theConfigNamesEveryConfiguredDcAndThisOne() {
        Config config = (Config) call(11, new HelpGetConfig());
        assertThat(config.thisDc()).isEqualTo(2);
        assertThat(config.dcOptions()).extracting(o -> ((DcOption) o).id() + "@" + ((DcOption) o).ipAddress() + ":" + ((DcOption) o).port())
                .containsExactly("1@10.0.0.1:443", "2@10.0.0.2:443");
        assertThat(config.expires()).isEqualTo(config.date() + 3600);
        assertThat(config.tmpSessions()).isEqualTo(2);
        // and every client layer we serve can read it
        for (int layer : new int[] {158, 198, 227, 228}) {
            assertThat(Layers.forClient(layer).toBytes(config)).isNotEmpty();
        }
        assertThat(((NearestDc) call(11, new HelpGetNearestDc())).thisDc()).isEqualTo(2);
    }

    @Test
    void theAppConfigIsNotSentAgainForItsHash() {
        HelpAppConfig first = (HelpAppConfig) call(12, new HelpGetAppConfig(0));
        assertThat(call(12, new HelpGetAppConfig(first.hash()))).isInstanceOf(HelpAppConfigNotModified.class);
    }

    @Test
    void noTermsOfServiceUpdateIsPendingUntilTheConfigExpires() {
        var update = (io.heliograph.tl.api.HelpTermsOfServiceUpdateEmpty) call(17, new io.heliograph.tl.api.HelpGetTermsOfServiceUpdate());
        Config config = (Config) call(17, new HelpGetConfig());
        assertThat(update.expires()).isEqualTo(config.expires()).isGreaterThan((int) clock.instant().getEpochSecond());
    }

    @Test
    void aKeyThatIsNotLoggedInMayNotCallUserMethods() {
        assertThat(error(() -> call(13, new UpdatesGetState())).type()).isEqualTo("AUTH_KEY_UNREGISTERED");
        assertThat(error(() -> call(13, new UpdatesGetState())).code()).isEqualTo(401);
    }

    @Test
    void methodsNoServiceServesAnswerMethodNotImplemented() {
        keys.authorized(14, 777);
        RpcException e = error(() -> call(14, new UpdatesGetState()));
        assertThat(e.code()).isEqualTo(400);
        assertThat(e.type()).isEqualTo("METHOD_NOT_IMPLEMENTED");
        assertThat(error(() -> call(14, new PhoneGetCallConfig())).type()).isEqualTo("METHOD_NOT_IMPLEMENTED");
    }

    @Test
    void tooManyCallsOfAMethodGetFloodWaitWithTheSecondsUntilTheNextToken() {
        for (int i = 0; i < 3; i++) {
            call(15, new HelpGetConfig());
        }
        RpcException e = error(() -> call(15, new HelpGetConfig()));
        assertThat(e.code()).isEqualTo(420);
        assertThat(e.type()).isEqualTo("FLOOD_WAIT_1");
        // other methods and other callers have their own buckets; a per-method override applies
        call(15, new HelpGetNearestDc());
        assertThat(error(() -> call(15, new HelpGetNearestDc())).type()).isEqualTo("FLOOD_WAIT_2");
        call(16, new HelpGetConfig());
        assertThat(registry.get("heliograph.gateway.rpc").tag("method", "help.getConfig").tag("outcome", "FLOOD_WAIT_X").timer().count())
                .isEqualTo(1);
    }
}
