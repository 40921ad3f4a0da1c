package io.heliograph.platform.rpc;

import io.heliograph.events.DcId;
import io.heliograph.tl.TlDecodeException;
import io.heliograph.tl.TlFunction;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.mtproto.RpcError;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /internal/rpc}: decodes the body as a function of layer {@value ApiRegistry#LAYER}, dispatches it to
 * the {@link RpcMethod} bean of that function and answers 200 {@value RpcHeaders#MEDIA_TYPE} with the result's TL
 * bytes or an {@code rpc_error}: the handler's {@link RpcException}, {@code 400 METHOD_NOT_IMPLEMENTED} when no bean
 * handles the function, {@code 400 INPUT_METHOD_INVALID} for a body that is not one function,
 * {@code 400 INPUT_REQUEST_TOO_LONG} past the size limit, {@code 500 INTERNAL} for anything else (logged). Malformed
 * context headers are the gateway's bug, not the client's: HTTP 400 with a JSON {@code {"error", "message"}}.
 */
public final class RpcEndpoint implements HandlerFunction<ServerResponse> {

    public static final String METHOD_NOT_IMPLEMENTED = "METHOD_NOT_IMPLEMENTED";
    public static final String INPUT_METHOD_INVALID = "INPUT_METHOD_INVALID";
    public static final String INPUT_REQUEST_TOO_LONG = "INPUT_REQUEST_TOO_LONG";
    public static final String INTERNAL = "INTERNAL";
    /** The {@code error} of the JSON answer to malformed context headers. */
    public static final String RPC_HEADER_INVALID = "RPC_HEADER_INVALID";

    static final MediaType TL = MediaType.parseMediaType(RpcHeaders.MEDIA_TYPE);
    private static final Logger log = LoggerFactory.getLogger(RpcEndpoint.class);

    /** The HTTP answer's content: what was called, how it ended, the TL bytes. */
    private record Answer(String outcome, byte[] body, OptionalLong authorizedUser) {

        static Answer error(int code, String type) {
            return new Answer(type, new RpcError(code, type.getBytes(StandardCharsets.UTF_8)).toBytes(),
                    OptionalLong.empty());
        }
    }

    private final RpcMethods methods;
    private final DcId dc;
    private final int maxRequestBytes;
    private final RpcServerMeters meters;

    public RpcEndpoint(RpcMethods methods, DcId dc, int maxRequestBytes, MeterRegistry registry) {
        if (maxRequestBytes < 4) {
            throw new IllegalArgumentException("maxRequestBytes must be at least 4, got " + maxRequestBytes);
        }
        this.methods = methods;
        this.dc = dc;
        this.maxRequestBytes = maxRequestBytes;
        this.meters = new RpcServerMeters(registry);
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        RpcServerMeters.Call meter = meters.start();
        RpcContext ctx;
        try {
            ctx = RpcContext.fromHeaders(request.headers().asHttpHeaders());
            if (!ctx.dc().equals(dc)) {
                throw new RpcHeaderException(RpcHeaders.DC, "this service serves " + dc + ", the call is for " + ctx.dc());
            }
        } catch (RpcHeaderException e) {
            meter.stop(RPC_HEADER_INVALID);
            return ServerResponse.badRequest().contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("error", RPC_HEADER_INVALID, "message", e.getMessage()));
        }
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), maxRequestBytes)
                .map(RpcEndpoint::bytes)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> call(body, ctx, meter))
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(Answer.error(400, INPUT_REQUEST_TOO_LONG)))
                .doOnNext(answer -> meter.stop(answer.outcome()))
                .doOnCancel(() -> meter.stop(RpcServerMeters.CANCELLED))
                .flatMap(RpcEndpoint::respond);
    }

    private Mono<Answer> call(byte[] body, RpcContext ctx, RpcServerMeters.Call meter) {
        TlFunction<?> call;
        try {
            call = decode(body);
        } catch (RuntimeException e) {
            log.debug("undecodable RPC body ({} bytes) under auth key {}: {}", body.length, ctx.authKeyId(), e.toString());
            return Mono.just(Answer.error(400, INPUT_METHOD_INVALID));
        }
        String name = call.tlName();
        meter.method(name);
        RpcMethod<?, ?> handler = methods.find(call);
        if (handler == null) {
            return Mono.just(Answer.error(400, METHOD_NOT_IMPLEMENTED));
        }
        return Mono.defer(() -> RpcMethods.invoke(handler, call, ctx))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(name + " completed without a result")))
                .map(result -> new Answer(RpcServerMeters.OK, TlResults.encode(result), ctx.reply().authorizedUser()))
                .onErrorResume(e -> Mono.just(failure(name, e, ctx)));
    }

    private static Answer failure(String name, Throwable e, RpcContext ctx) {
        if (e instanceof RpcException rpc) {
            return Answer.error(rpc.code(), rpc.type());
        }
        log.error("{} failed (msg_id {}, auth key {})", name, ctx.msgId(), ctx.authKeyId(), e);
        return Answer.error(500, INTERNAL);
    }

    /** Exactly one function of the newest layer and nothing after it. */
    static TlFunction<?> decode(byte[] body) {
        TlReader reader = new TlReader(body);
        TlObject object = ApiRegistry.read(reader);
        if (!(object instanceof TlFunction<?> function)) {
            throw new TlDecodeException(object.tlName() + " is a constructor, not a function");
        }
        if (reader.hasRemaining()) {
            throw new TlDecodeException(reader.remaining() + " bytes after " + function.tlName());
        }
        return function;
    }

    private static Mono<ServerResponse> respond(Answer answer) {
        ServerResponse.BodyBuilder builder = ServerResponse.ok().contentType(TL);
        answer.authorizedUser().ifPresent(user -> builder.header(RpcHeaders.AUTHORIZED_USER, Long.toString(user)));
        return builder.bodyValue(answer.body());
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
