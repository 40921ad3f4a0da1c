package io.heliograph.gateway.rpc;

import io.heliograph.gateway.authkeys.RemoteAuthKeyStore;
import io.heliograph.mtproto.session.RpcCall;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.mtproto.session.RpcValue;
import io.heliograph.platform.rpc.RpcHeaders;
import io.heliograph.tl.TlDecodeException;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.mtproto.RpcError;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Forwards an API call to the service that owns it ({@code POST /internal/rpc}, TL bytes both ways, the caller's
 * context in {@link RpcHeaders}) and turns its answer back into a result or an {@link RpcException}.
 */
public final class ServiceClients {

    private static final Logger log = LoggerFactory.getLogger(ServiceClients.class);
    private static final MediaType TL = MediaType.parseMediaType(RpcHeaders.MEDIA_TYPE);

    private final Map<String, WebClient> clients = new HashMap<>();
    private final RemoteAuthKeyStore keys;
    private final Duration timeout;
    private final int dc;
    private final String gateway;

    public ServiceClients(Map<String, URI> services, WebClient.Builder builder, RemoteAuthKeyStore keys,
            Duration timeout, int dc, String gateway) {
        services.forEach((name, uri) -> clients.put(name, builder.clone().baseUrl(uri.toString()).build()));
        this.keys = keys;
        this.timeout = timeout;
        this.dc = dc;
        this.gateway = gateway;
    }

    public boolean serves(String service) {
        return clients.containsKey(service);
    }

    public CompletionStage<TlObject> call(String service, RpcCall call, long userId) {
        WebClient client = clients.get(service);
        if (client == null) {
            return CompletableFuture.failedFuture(new RpcException(400, "METHOD_NOT_IMPLEMENTED"));
        }
        byte[] body = call.function().toBytes();
        return client.post().uri(RpcHeaders.PATH)
                .contentType(TL).accept(TL)
                .headers(h -> headers(h, call, userId))
                .bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).map(bytes -> {
                    String authorized = response.headers().asHttpHeaders().getFirst(RpcHeaders.AUTHORIZED_USER);
                    if (authorized != null) {
                        keys.authorized(call.permAuthKeyId(), Long.parseLong(authorized));
                    }
                    if (!response.statusCode().is2xxSuccessful()) {
                        log.warn("{} answered {} to {}", service, response.statusCode(), call.function().tlName());
                        throw new RpcException(500, "INTERNAL");
                    }
                    return decode(call, bytes);
                }))
                .timeout(timeout)
                .onErrorMap(TimeoutException.class, e -> new RpcException(-503, "Timeout"))
                .onErrorMap(e -> !(e instanceof RpcException), e -> {
                    log.warn("{} failed for {}: {}", service, call.function().tlName(), e.toString());
                    return new RpcException(500, "INTERNAL");
                })
                .toFuture();
    }

    private static TlObject decode(RpcCall call, byte[] bytes) {
        try {
            if (bytes.length >= 4 && new TlReader(bytes).readInt() == RpcError.CONSTRUCTOR_ID) {
                RpcError e = (RpcError) io.heliograph.tl.mtproto.MtprotoRegistry.read(new TlReader(bytes));
                throw new RpcException(e.errorCode(), new String(e.errorMessage(), StandardCharsets.UTF_8));
            }
            return RpcValue.of(call.function().readResult(new TlReader(bytes)));
        } catch (TlDecodeException e) {
            log.warn("undecodable answer to {}: {}", call.function().tlName(), e.getMessage());
            throw new RpcException(500, "INTERNAL");
        }
    }

    private void headers(HttpHeaders h, RpcCall call, long userId) {
        h.set(RpcHeaders.AUTH_KEY_ID, Long.toString(call.authKeyId()));
        h.set(RpcHeaders.PERM_AUTH_KEY_ID, Long.toString(call.permAuthKeyId()));
        h.set(RpcHeaders.SESSION_ID, Long.toString(call.sessionId()));
        h.set(RpcHeaders.MSG_ID, Long.toString(call.msgId()));
        h.set(RpcHeaders.LAYER, Integer.toString(call.layer()));
        h.set(RpcHeaders.USER_ID, Long.toString(userId));
        h.set(RpcHeaders.DC, Integer.toString(dc));
        h.set(RpcHeaders.CLIENT_IP, call.clientIp());
        h.set(RpcHeaders.GATEWAY, gateway);
        h.set(RpcHeaders.API_ID, Integer.toString(call.client().apiId()));
        h.set(RpcHeaders.DEVICE_MODEL, enc(call.client().deviceModel()));
        h.set(RpcHeaders.SYSTEM_VERSION, enc(call.client().systemVersion()));
        h.set(RpcHeaders.APP_VERSION, enc(call.client().appVersion()));
        h.set(RpcHeaders.SYSTEM_LANG_CODE, enc(call.client().systemLangCode()));
        h.set(RpcHeaders.LANG_PACK, enc(call.client().langPack()));
        h.set(RpcHeaders.LANG_CODE, enc(call.client().langCode()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
