package io.heliograph.message.typing;

import io.heliograph.message.commands.Outputs;
import io.heliograph.message.users.SessionUsers;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.InputPeerUser;
import io.heliograph.tl.api.MessagesSetTyping;
import io.heliograph.tl.api.UpdateShort;
import io.heliograph.tl.api.UpdateUserTyping;
import java.time.Clock;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code messages.setTyping} in a private chat: an {@code updateUserTyping} for the other user's online sessions,
 * through the {@code updates} topic of their home DC. Not stored and without pts: typing is ephemeral.
 *
 * @see <a href="https://core.telegram.org/method/messages.setTyping">messages.setTyping</a>
 */
@Component
class SetTypingMethod implements RpcMethod<MessagesSetTyping, Boolean> {

    private final SessionUsers users;
    private final Producer<String, byte[]> producer;
    private final Outputs out;
    private final Clock clock;

    SetTypingMethod(SessionUsers users, Producer<String, byte[]> producer, Outputs out, Clock clock) {
        this.users = users;
        this.producer = producer;
        this.out = out;
        this.clock = clock;
    }

    @Override
    public Class<MessagesSetTyping> function() {
        return MessagesSetTyping.class;
    }

    @Override
    public Mono<Boolean> handle(MessagesSetTyping call, RpcContext ctx) {
        long caller = ctx.requireUser().value();
        if (!(call.peer() instanceof InputPeerUser u)) {
            return Mono.error(RpcException.badRequest("PEER_ID_INVALID"));
        }
        if (u.userId() == caller) {
            return Mono.just(true);
        }
        return users.checked(caller, u.userId(), u.accessHash())
                .switchIfEmpty(Mono.error(() -> RpcException.badRequest("PEER_ID_INVALID")))
                .flatMap(peer -> Mono.create(sink -> {
                    UpdateShort update = new UpdateShort(new UpdateUserTyping(caller, call.topMsgId(), call.action()),
                            (int) (clock.millis() / 1000));
                    producer.send(out.update(peer.homeDc(), peer.id(), 0, 0, update, 0), (meta, error) -> {
                        if (error != null) {
                            sink.error(error);
                        } else {
                            sink.success(true);
                        }
                    });
                }));
    }
}
