package io.heliograph.session.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.events.UserId;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcHeaders;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.SessionApplication;
import io.heliograph.testsupport.RealInfrastructure;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.AccountSetContactSignUpNotification;
import io.heliograph.tl.api.PhoneGetCallConfig;
import io.heliograph.tl.api.HelpGetNearestDc;
import io.heliograph.tl.api.NearestDc;
import io.heliograph.tl.api.TNearestDc;
import io.heliograph.tl.mtproto.RpcError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * session-service answers {@code POST /internal/rpc} through the platform's endpoint over a real server: a method
 * bean (test-only) answers, anything else is an rpc_error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + SessionApplication.SERVICE, "spring.application.name=" + SessionApplication.SERVICE, "heliograph.dc=2"})
@AutoConfigureWebTestClient
@RealInfrastructure
class RpcEndpointIT {

    @TestConfiguration(proxyBeanMethods = false)
    static class TestMethods {

        @Bean
        RpcMethod<HelpGetNearestDc, TNearestDc> nearestDc() {
            return new RpcMethod<>() {
                @Override
                public Class<HelpGetNearestDc> function() {
                    return HelpGetNearestDc.class;
                }

                @Override
                public Mono<TNearestDc> handle(HelpGetNearestDc call, RpcContext ctx) {
                    return Mono.just(new NearestDc(ctx.connection().langCode(), ctx.dc().value(), ctx.layer()));
                }
            };
        }

        @Bean
        RpcMethod<AccountSetContactSignUpNotification, Boolean> signUpNotification() {
            return new RpcMethod<>() {
                @Override
                public Class<AccountSetContactSignUpNotification> function() {
                    return AccountSetContactSignUpNotification.class;
                }

                @Override
                public Mono<Boolean> handle(AccountSetContactSignUpNotification call, RpcContext ctx) {
                    if (call.silent()) {
                        return Mono.error(RpcException.badRequest("STATUS_OFFLINE_TEST"));
                    }
                    ctx.authorize(UserId.of(31337));
                    return Mono.just(true);
                }
            };
        }
    }

    @Autowired
    WebTestClient client;

    static HttpHeaders context() {
        HttpHeaders h = new HttpHeaders();
        h.set(RpcHeaders.AUTH_KEY_ID, "-8070450532247928832");
        h.set(RpcHeaders.PERM_AUTH_KEY_ID, "-8070450532247928832");
        h.set(RpcHeaders.SESSION_ID, "1");
        h.set(RpcHeaders.MSG_ID, "7300000000000000004");
        h.set(RpcHeaders.LAYER, "198");
        h.set(RpcHeaders.DC, "2");
        h.set(RpcHeaders.LANG_CODE, "pt%2Dbr");
        return h;
    }

    @Test
    void aRegisteredMethodAnswersWithItsResult() {
        EntityExchangeResult<byte[]> result = post(new HelpGetNearestDc().toBytes());
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.parseMediaType(RpcHeaders.MEDIA_TYPE));
        assertThat(new HelpGetNearestDc().readResult(new TlReader(result.getResponseBody())))
                .isEqualTo(new NearestDc("pt-br", 2, 198));

        EntityExchangeResult<byte[]> login = post(new AccountSetContactSignUpNotification(false).toBytes());
        assertThat(new AccountSetContactSignUpNotification(false).readResult(new TlReader(login.getResponseBody()))).isTrue();
        assertThat(login.getResponseHeaders().getFirst(RpcHeaders.AUTHORIZED_USER)).isEqualTo("31337");

        assertRpcError(post(new AccountSetContactSignUpNotification(true).toBytes()), 400, "STATUS_OFFLINE_TEST");
    }

    @Test
    void anUnknownMethodAnswersMethodNotImplemented() {
        // a method of no service here (the platform endpoint knows nothing of namespaces)
        assertRpcError(post(new PhoneGetCallConfig().toBytes()), 400, "METHOD_NOT_IMPLEMENTED");
    }

    @Test
    void aBadBodyAnswersInputMethodInvalid() {
        assertRpcError(post(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), 400, "INPUT_METHOD_INVALID");
        assertRpcError(post(new NearestDc("x", 1, 1).toBytes()), 400, "INPUT_METHOD_INVALID");
    }

    @Test
    void malformedContextHeadersAreAnHttp400() {
        client.post().uri(RpcHeaders.PATH).headers(h -> {
            h.addAll(context());
            h.set(RpcHeaders.LAYER, "latest");
        }).bodyValue(new HelpGetNearestDc().toBytes()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("RPC_HEADER_INVALID")
                .jsonPath("$.message").isEqualTo("X-Heliograph-Layer: not a signed decimal 64-bit number: 'latest'");
    }

    @Test
    void callsAreMeteredByMethodAndOutcome() {
        post(new HelpGetNearestDc().toBytes());
        post(new PhoneGetCallConfig().toBytes());
        String prometheus = client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(prometheus).containsPattern(
                "heliograph_rpc_server_calls_seconds_count\\{[^}]*method=\"help.getNearestDc\",outcome=\"ok\"[^}]*} [1-9]")
                .containsPattern("heliograph_rpc_server_calls_seconds_count\\{[^}]*method=\"phone.getCallConfig\","
                        + "outcome=\"METHOD_NOT_IMPLEMENTED\"[^}]*service=\"session-service\"[^}]*} [1-9]");
    }

    private EntityExchangeResult<byte[]> post(byte[] body) {
        return client.post().uri(RpcHeaders.PATH)
                .contentType(MediaType.parseMediaType(RpcHeaders.MEDIA_TYPE))
                .headers(h -> h.addAll(context()))
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class)
                .returnResult();
    }

    private static void assertRpcError(EntityExchangeResult<byte[]> result, int code, String type) {
        TlReader reader = new TlReader(result.getResponseBody());
        assertThat(reader.readInt()).isEqualTo(RpcError.CONSTRUCTOR_ID);
        RpcError error = RpcError.deserializeBare(reader);
        assertThat(error.errorCode()).isEqualTo(code);
        assertThat(new String(error.errorMessage(), StandardCharsets.UTF_8)).isEqualTo(type);
    }
}
