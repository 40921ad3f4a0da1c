package io.heliograph.gateway.rpc;

import io.heliograph.gateway.GatewayMeters;
import io.heliograph.gateway.authkeys.RemoteAuthKeyStore;
import io.heliograph.gateway.help.HelpMethods;
import io.heliograph.mtproto.session.RpcCall;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.mtproto.session.RpcHandler;
import io.heliograph.platform.rpc.ConnectionRecord;
import io.heliograph.tl.TlObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * Every API call a client makes passes here: checked for authorization ({@code 401 AUTH_KEY_UNREGISTERED}) and
 * flood ({@code 420 FLOOD_WAIT_X}), answered by the gateway itself ({@code help.*} topology) or forwarded to the
 * owning service (over HTTP, or as a Kafka box command: {@link BoxCommands}); methods no service serves yet answer
 * {@code 400 METHOD_NOT_IMPLEMENTED}.
 */
public final class RpcRouter implements RpcHandler {

    private final HelpMethods help;
    private final ServiceClients services;
    private final FloodLimiter flood;
    private final RemoteAuthKeyStore keys;
    private final GatewayMeters meters;
    private final BoxCommands commands;
    /** Keys whose initConnection this instance already stored (so it is written once per key and layer). */
    private final Set<Long> connectionStored = ConcurrentHashMap.newKeySet();

    public RpcRouter(HelpMethods help, ServiceClients services, FloodLimiter flood, RemoteAuthKeyStore keys,
            GatewayMeters meters, BoxCommands commands) {
        this.commands = commands;
        this.help = help;
        this.services = services;
        this.flood = flood;
        this.keys = keys;
        this.meters = meters;
    }

    @Override
    public CompletionStage<TlObject> handle(RpcCall call) {
        String method = call.function().tlName();
        long started = System.nanoTime();
        CompletionStage<TlObject> result;
        try {
            result = route(call, method);
        } catch (RpcException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.whenComplete((ok, error) -> {
            Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            meters.rpc(method, e == null ? "ok" : e instanceof RpcException re ? re.type() : "INTERNAL", System.nanoTime() - started);
        });
    }

    private CompletionStage<TlObject> route(RpcCall call, String method) {
        rememberConnection(call);
        long user = keys.userOf(call.permAuthKeyId());
        if (user == 0 && !MethodOwners.allowedWithoutLogin(method)) {
            throw new RpcException(401, "AUTH_KEY_UNREGISTERED");
        }
        // callers are users once logged in (all their devices share the budget), their key before
        int wait = flood.acquire(user != 0 ? user : call.permAuthKeyId() ^ Long.MIN_VALUE, method);
        if (wait > 0) {
            throw new RpcException(420, "FLOOD_WAIT_" + wait);
        }
        TlObject local = help.answer(call.function());
        if (local != null) {
            return CompletableFuture.completedFuture(local);
        }
        if (commands != null && BoxCommands.isCommand(method)) {
            return commands.send(call, user);
        }
        String owner = MethodOwners.ownerOf(method);
        if (owner == null || !services.serves(owner)) {
            throw new RpcException(400, "METHOD_NOT_IMPLEMENTED");
        }
        return services.call(owner, call, user);
    }

    private void rememberConnection(RpcCall call) {
        if (call.client().apiId() == 0) {
            return;
        }
        long mark = call.authKeyId() * 31 + call.layer();
        if (connectionStored.add(mark)) {
            if (connectionStored.size() > 1_000_000) {
                connectionStored.clear();
            }
            var c = call.client();
            keys.rememberConnection(call.authKeyId(), new ConnectionRecord(call.layer(), c.apiId(), c.deviceModel(),
                    c.systemVersion(), c.appVersion(), c.systemLangCode(), c.langPack(), c.langCode()));
        }
    }
}
