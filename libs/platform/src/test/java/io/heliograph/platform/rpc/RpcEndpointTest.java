package io.heliograph.platform.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.events.DcId;
import io.heliograph.events.UserId;
import io.heliograph.tl.TlFunction;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.TlWriter;
import io.heliograph.tl.api.AccountUpdateStatus;
import io.heliograph.tl.api.AuthLogOut;
import io.heliograph.tl.api.ContactsGetContactIDs;
import io.heliograph.tl.api.HelpGetAppConfig;
import io.heliograph.tl.api.HelpGetConfig;
import io.heliograph.tl.api.HelpGetNearestDc;
import io.heliograph.tl.api.InputUserSelf;
import io.heliograph.tl.api.LangPackString;
import io.heliograph.tl.api.LangpackGetStrings;
import io.heliograph.tl.api.MessagesReceivedQueue;
import io.heliograph.tl.api.NearestDc;
import io.heliograph.tl.api.TLangPackString;
import io.heliograph.tl.api.TNearestDc;
import io.heliograph.tl.api.UsersGetUsers;
import io.heliograph.tl.mtproto.RpcError;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.core.publisher.Mono;

/** The endpoint over a router alone (no server, no Spring context): dispatch, results, errors and meters. */
class RpcEndpointTest {

    /** A one-lambda {@link RpcMethod} for the tests. */
    record Method<F extends TlFunction<R>, R>(Class<F> function, BiFunction<F, RpcContext, Mono<R>> body)
            implements RpcMethod<F, R> {

        @Override
        public Mono<R> handle(F call, RpcContext ctx) {
            return body.apply(call, ctx);
        }
    }

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final RpcMethods methods = new RpcMethods(List.of(
            new Method<>(HelpGetNearestDc.class, (call, ctx) ->
                    Mono.just(new NearestDc(ctx.connection().langCode(), ctx.dc().value(), ctx.layer()))),
            new Method<>(AccountUpdateStatus.class, (call, ctx) -> {
                ctx.authorize(UserId.of(4242));
                return Mono.just(!call.offline());
            }),
            new Method<>(ContactsGetContactIDs.class, (call, ctx) -> Mono.just(List.of(1, -2, (int) call.hash()))),
            new Method<>(MessagesReceivedQueue.class, (call, ctx) -> Mono.just(List.of(Long.MIN_VALUE, 7L))),
            new Method<>(LangpackGetStrings.class, (call, ctx) -> Mono.just(call.keys().stream()
                    .map(k -> (TLangPackString) new LangPackString(k, k.toUpperCase())).toList())),
            new Method<>(AuthLogOut.class, (call, ctx) -> {
                ctx.logOut(); // not sent: the call fails
                return Mono.error(new RpcException(420, "FLOOD_WAIT_30"));
            }),
            new Method<>(HelpGetConfig.class, (call, ctx) -> {
                throw new IllegalStateException("boom (expected by the test)");
            }),
            new Method<>(HelpGetAppConfig.class, (call, ctx) -> Mono.empty())));
    final WebTestClient client = WebTestClient.bindToRouterFunction(RouterFunctions.route(
            RequestPredicates.POST(RpcHeaders.PATH), new RpcEndpoint(methods, DcId.of(2), 1024, registry))).build();

    @Test
    void answersARegisteredMethodWithTheResultsTlBytes() {
        HttpHeaders headers = RpcContextTest.minimal();
        headers.set(RpcHeaders.LANG_CODE, "pt-br");
        EntityExchangeResult<byte[]> result = post(new HelpGetNearestDc().toBytes(), headers);

        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.parseMediaType(RpcHeaders.MEDIA_TYPE));
        assertThat(result.getResponseHeaders().containsHeader(RpcHeaders.AUTHORIZED_USER)).isFalse();
        TNearestDc answer = new HelpGetNearestDc().readResult(new TlReader(result.getResponseBody()));
        assertThat(answer).isEqualTo(new NearestDc("pt-br", 2, 158));
        assertThat(timer("help.getNearestDc", "ok").count()).isEqualTo(1);
    }

    @Test
    void resultsThatAreNotObjectsAreWrittenAsTheirFunctionReadsThem() {
        AccountUpdateStatus status = new AccountUpdateStatus(true);
        EntityExchangeResult<byte[]> bool = post(status.toBytes(), RpcContextTest.minimal());
        assertThat(status.readResult(new TlReader(bool.getResponseBody()))).isFalse();
        assertThat(bool.getResponseHeaders().getFirst(RpcHeaders.AUTHORIZED_USER)).isEqualTo("4242");

        ContactsGetContactIDs ids = new ContactsGetContactIDs(99);
        assertThat(ids.readResult(new TlReader(post(ids.toBytes(), RpcContextTest.minimal()).getResponseBody())))
                .containsExactly(1, -2, 99);

        MessagesReceivedQueue queue = new MessagesReceivedQueue(5);
        assertThat(queue.readResult(new TlReader(post(queue.toBytes(), RpcContextTest.minimal()).getResponseBody())))
                .containsExactly(Long.MIN_VALUE, 7L);

        LangpackGetStrings strings = new LangpackGetStrings("android", "en", List.of("a", "b"));
        assertThat(strings.readResult(new TlReader(post(strings.toBytes(), RpcContextTest.minimal()).getResponseBody())))
                .containsExactly(new LangPackString("a", "A"), new LangPackString("b", "B"));
    }

    @Test
    void aFunctionWithoutMethodAnswersMethodNotImplemented() {
        byte[] call = new UsersGetUsers(List.of(new InputUserSelf())).toBytes();
        assertRpcError(post(call, RpcContextTest.minimal()), 400, "METHOD_NOT_IMPLEMENTED");
        assertThat(timer("users.getUsers", "METHOD_NOT_IMPLEMENTED").count()).isEqualTo(1);
    }

    @Test
    void aBodyThatIsNotExactlyOneFunctionAnswersInputMethodInvalid() {
        byte[] ok = new HelpGetNearestDc().toBytes();
        byte[] trailing = new TlWriter().writeRaw(ok).writeInt(0).toByteArray();
        byte[] unknownId = new TlWriter().writeInt(0x12345678).toByteArray();
        byte[] constructor = new NearestDc("x", 1, 2).toBytes();
        byte[] truncated = new LangpackGetStrings("android", "en", List.of("key")).toBytes();
        truncated = Arrays.copyOf(truncated, truncated.length - 3);
        for (byte[] body : List.of(new byte[0], new byte[] {1, 2}, trailing, unknownId, constructor, truncated)) {
            assertRpcError(post(body, RpcContextTest.minimal()), 400, "INPUT_METHOD_INVALID");
        }
        assertThat(timer("unknown", "INPUT_METHOD_INVALID").count()).isEqualTo(6);
    }

    @Test
    void aBodyOverTheLimitAnswersInputRequestTooLong() {
        byte[] big = new LangpackGetStrings("android", "en", List.of("k".repeat(2000))).toBytes();
        assertRpcError(post(big, RpcContextTest.minimal()), 400, "INPUT_REQUEST_TOO_LONG");
    }

    @Test
    void handlerErrorsBecomeRpcErrorsAndTheirMeterTypeIsBounded() {
        EntityExchangeResult<byte[]> flood = post(new AuthLogOut().toBytes(), RpcContextTest.minimal());
        assertRpcError(flood, 420, "FLOOD_WAIT_30");
        assertThat(flood.getResponseHeaders().containsHeader(RpcHeaders.AUTHORIZED_USER)).isFalse();
        assertThat(timer("auth.logOut", "FLOOD_WAIT_X").count()).isEqualTo(1);

        assertRpcError(post(new HelpGetConfig().toBytes(), RpcContextTest.minimal()), 500, "INTERNAL");
        assertRpcError(post(new HelpGetAppConfig(0).toBytes(), RpcContextTest.minimal()), 500, "INTERNAL");
        assertThat(timer("help.getConfig", "INTERNAL").count()).isEqualTo(1);
    }

    @Test
    void malformedHeadersAnswerHttp400WithJson() {
        HttpHeaders noMsgId = RpcContextTest.minimal();
        noMsgId.remove(RpcHeaders.MSG_ID);
        client.post().uri(RpcHeaders.PATH).headers(h -> h.addAll(noMsgId)).bodyValue(new HelpGetNearestDc().toBytes())
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error").isEqualTo("RPC_HEADER_INVALID")
                .jsonPath("$.message").isEqualTo("X-Heliograph-Msg-Id: required");

        HttpHeaders otherDc = RpcContextTest.minimal();
        otherDc.set(RpcHeaders.DC, "3");
        client.post().uri(RpcHeaders.PATH).headers(h -> h.addAll(otherDc)).bodyValue(new HelpGetNearestDc().toBytes())
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.message").isEqualTo("X-Heliograph-Dc: this service serves dc2, the call is for dc3");
        assertThat(timer("unknown", "RPC_HEADER_INVALID").count()).isEqualTo(2);
    }

    @Test
    void outcomeTagsAreBounded() {
        RpcServerMeters meters = new RpcServerMeters(registry);
        assertThat(meters.bounded("PHONE_MIGRATE_4")).isEqualTo("PHONE_MIGRATE_X");
        for (int i = 0; i < RpcServerMeters.MAX_OUTCOMES + 10; i++) {
            meters.bounded("TYPE_" + (char) ('A' + i % 26) + (char) ('A' + i / 26));
        }
        assertThat(meters.bounded("NEVER_SEEN_BEFORE")).isEqualTo("other");
        assertThat(meters.bounded("PHONE_MIGRATE_5")).isEqualTo("PHONE_MIGRATE_X");
    }

    @Test
    void registryRefusesDuplicatesAndNonFunctions() {
        Method<HelpGetNearestDc, TNearestDc> a = new Method<>(HelpGetNearestDc.class, (c, x) -> Mono.empty());
        Method<HelpGetNearestDc, TNearestDc> b = new Method<>(HelpGetNearestDc.class, (c, x) -> Mono.empty());
        assertThatThrownBy(() -> new RpcMethods(List.of(a, b)))
                .hasMessageContaining("two RpcMethod beans handle HelpGetNearestDc");
        RpcMethod<TlFunction<Object>, Object> nonsense = new RpcMethod<>() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public Class<TlFunction<Object>> function() {
                return (Class) TlFunction.class;
            }

            @Override
            public Mono<Object> handle(TlFunction<Object> call, RpcContext ctx) {
                return Mono.empty();
            }
        };
        assertThatThrownBy(() -> new RpcMethods(List.of(nonsense)))
                .hasMessageContaining("not a function of API layer 228");
        assertThat(methods.names()).contains("help.getNearestDc", "account.updateStatus").hasSize(8);
    }

    private EntityExchangeResult<byte[]> post(byte[] body, HttpHeaders headers) {
        return client.post().uri(RpcHeaders.PATH)
                .contentType(MediaType.parseMediaType(RpcHeaders.MEDIA_TYPE))
                .headers(h -> h.addAll(headers))
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
        assertThat(reader.hasRemaining()).isFalse();
    }

    private Timer timer(String method, String outcome) {
        Timer timer = registry.find(RpcServerMeters.CALLS).tags("method", method, "outcome", outcome).timer();
        assertThat(timer).as(method + " " + outcome).isNotNull();
        return timer;
    }
}
