package io.heliograph.gateway.rpc;

import io.heliograph.events.BoxCommand;
import io.heliograph.events.EventCodec;
import io.heliograph.events.Partitioning;
import io.heliograph.events.SessionDelivery;
import io.heliograph.gateway.GatewayMeters;
import io.heliograph.mtproto.session.RpcCall;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.mtproto.session.RpcValue;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls that change message boxes ({@link BoxCommand#METHODS}) travel by Kafka: produced to the box owner's
 * partition of {@code box-commands} (the caller's, or the channel's: {@link BoxOwners}), answered by the box's writer with a {@link SessionDelivery} on this instance's
 * deliveries topic. The call completes then, or fails with {@code -503 Timeout} after the RPC timeout (the client
 * retries; {@code random_id} makes the retry return what the first attempt made). An answer whose call is gone
 * (timed out, or the instance restarted) is dropped: the update it carries reaches the client's other sessions and
 * {@code getDifference} anyway.
 */
public final class BoxCommands {

    private static final Logger log = LoggerFactory.getLogger(BoxCommands.class);

    private record Key(long authKeyId, long sessionId, long msgId) {
    }

    private record Pending(RpcCall call, CompletableFuture<TlObject> future) {
    }

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String instance;
    private final Duration timeout;
    private final Clock clock;
    private final GatewayMeters meters;
    private final EventCodec codec = new EventCodec();
    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();
    private final java.util.random.RandomGenerator random = new java.security.SecureRandom();
    private volatile int partitions;

    public BoxCommands(Producer<String, byte[]> producer, String topic, String instance, Duration timeout, Clock clock,
            GatewayMeters meters) {
        this.producer = producer;
        this.topic = topic;
        this.instance = instance;
        this.timeout = timeout;
        this.clock = clock;
        this.meters = meters;
    }

    public static boolean isCommand(String method) {
        return BoxCommand.METHODS.contains(method);
    }

    public CompletionStage<TlObject> send(RpcCall call, long userId) {
        Key key = new Key(call.authKeyId(), call.sessionId(), call.msgId());
        CompletableFuture<TlObject> future = new CompletableFuture<>();
        Pending previous = pending.putIfAbsent(key, new Pending(call, future));
        if (previous != null) {
            return previous.future(); // the same call again (msg_resend): one command, one answer
        }
        String commandId = instance + ":" + call.authKeyId() + ":" + call.sessionId() + ":" + call.msgId();
        long owner;
        try {
            owner = BoxOwners.of(call.function(), userId, random);
        } catch (RpcException e) {
            pending.remove(key);
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        BoxCommand command = new BoxCommand(commandId, owner, userId, call.authKeyId(), call.sessionId(), call.msgId(),
                instance, call.function().toBytes());
        int n = partitions;
        if (n == 0) {
            n = partitions = producer.partitionsFor(topic).size();
        }
        producer.send(new ProducerRecord<>(topic, Partitioning.partitionFor(owner, n), Long.toString(owner),
                codec.encode(command, clock.instant())), (meta, error) -> {
                    if (error != null) {
                        log.warn("{} not handed to box-commands: {}", call.function().tlName(), error.toString());
                        fail(key, new RpcException(500, "INTERNAL"));
                    }
                });
        return future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((result, error) -> {
            pending.remove(key);
            if (error instanceof java.util.concurrent.TimeoutException) {
                meters.commandAnswer("timeout");
                throw new RpcException(-503, "Timeout");
            }
            if (error != null) {
                throw error instanceof RuntimeException re ? re : new RpcException(500, "INTERNAL");
            }
            return result;
        });
    }

    /** Completes the call a delivery answers; false when no call of this instance waits for it. */
    public boolean complete(SessionDelivery d) {
        Pending p = pending.get(new Key(d.authKeyId(), d.sessionId(), d.rpcRequestMsgId()));
        if (p == null) {
            meters.commandAnswer("orphan");
            return false;
        }
        if (d.isError()) {
            meters.commandAnswer("error");
            p.future().completeExceptionally(new RpcException(d.errorCode(), d.errorMessage()));
            return true;
        }
        try {
            TlObject result = RpcValue.of(p.call().function().readResult(new TlReader(d.body())));
            meters.commandAnswer("ok");
            p.future().complete(result);
        } catch (RuntimeException e) { // TlDecodeException included
            log.warn("undecodable answer to {}: {}", p.call().function().tlName(), e.toString());
            p.future().completeExceptionally(new RpcException(500, "INTERNAL"));
        }
        return true;
    }

    private void fail(Key key, RpcException e) {
        Pending p = pending.get(key);
        if (p != null) {
            p.future().completeExceptionally(e);
        }
    }

    public int pending() {
        return pending.size();
    }
}
