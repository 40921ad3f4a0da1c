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
 * {@code messages.setTyping}: an {@code updateUserTyping} for the other user's online sessions (in a basic group,
 * {@code updateChatUserTyping} for every other member's), through the {@code updates} topic of their home DC. Not
 * stored and without pts: typing is ephemeral.
 *
 * @see <a href="https://core.telegram.org/method/messages.setTyping">messages.setTyping</a>
 */
@Component
class SetTypingMethod implements RpcMethod<MessagesSetTyping, Boolean> {

    private final SessionUsers users;
    private final Producer<String, byte[]> producer;
    private final Outputs out;
    private final Clock clock;
    private final io.heliograph.message.box.ChatStore chats;

    SetTypingMethod(SessionUsers users, Producer<String, byte[]> producer, Outputs out, Clock clock,
            io.heliograph.message.box.ChatStore chats) {
        this.chats = chats;
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
        if (call.peer() instanceof io.heliograph.tl.api.InputPeerChat c) {
            return chats.memberChat(caller, c.chatId())
                    .filter(mc -> !mc.left())
                    .switchIfEmpty(Mono.error(() -> RpcException.badRequest("CHAT_ID_INVALID")))
                    .flatMap(mc -> users.trusted(caller, mc.chat().participants().keySet().stream()
                            .filter(id -> id != caller).toList()))
                    .flatMapMany(members -> reactor.core.publisher.Flux.fromIterable(members.values()))
                    .concatMap(member -> send(out.update(member.homeDc(), member.id(), 0, 0, new UpdateShort(
                            new io.heliograph.tl.api.UpdateChatUserTyping(c.chatId(), new io.heliograph.tl.api.PeerUser(caller),
                                    call.action()), (int) (clock.millis() / 1000)), 0)))
                    .then(Mono.just(true));
        }
        if (!(call.peer() instanceof InputPeerUser u)) {
            return Mono.error(RpcException.badRequest("PEER_ID_INVALID"));
        }
        if (u.userId() == caller) {
            return Mono.just(true);
        }
        return users.checked(caller, u.userId(), u.accessHash())
                .switchIfEmpty(Mono.error(() -> RpcException.badRequest("PEER_ID_INVALID")))
                .flatMap(peer -> send(out.update(peer.homeDc(), peer.id(), 0, 0, new UpdateShort(
                        new UpdateUserTyping(caller, call.topMsgId(), call.action()), (int) (clock.millis() / 1000)), 0)))
                .thenReturn(true);
    }

    private Mono<Void> send(org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record) {
        return Mono.create(sink -> producer.send(record, (meta, error) -> {
            if (error != null) {
                sink.error(error);
            } else {
                sink.success();
            }
        }));
    }
}
