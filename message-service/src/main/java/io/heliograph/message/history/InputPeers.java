package io.heliograph.message.history;

import io.heliograph.message.box.Peer;
import io.heliograph.message.box.ChatStore;
import io.heliograph.message.users.SessionUsers;
import io.heliograph.tl.api.InputPeerChat;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.tl.api.InputPeerSelf;
import io.heliograph.tl.api.InputPeerUser;
import io.heliograph.tl.api.TInputPeer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Resolves the {@code InputPeer} a read method names: self, a user with the access hash it shows the caller, or a
 * basic group the caller's box holds.
 */
@Component
public class InputPeers {

    private final SessionUsers users;
    private final ChatStore chats;

    public InputPeers(SessionUsers users, ChatStore chats) {
        this.users = users;
        this.chats = chats;
    }

    /** The peer, or {@code 400 PEER_ID_INVALID}. */
    public Mono<Peer> resolve(long caller, TInputPeer input) {
        if (input instanceof InputPeerSelf) {
            return Mono.just(Peer.user(caller));
        }
        if (input instanceof InputPeerUser u) {
            if (u.userId() == caller) {
                return Mono.just(Peer.user(caller));
            }
            return users.checked(caller, u.userId(), u.accessHash()).map(seen -> Peer.user(seen.id()))
                    .switchIfEmpty(Mono.error(() -> RpcException.badRequest("PEER_ID_INVALID")));
        }
        if (input instanceof InputPeerChat c) {
            return chats.memberChat(caller, c.chatId()).map(mc -> new Peer(Peer.Kind.CHAT, c.chatId()))
                    .switchIfEmpty(Mono.error(() -> RpcException.badRequest("CHAT_ID_INVALID")));
        }
        return Mono.error(RpcException.badRequest("PEER_ID_INVALID"));
    }
}
