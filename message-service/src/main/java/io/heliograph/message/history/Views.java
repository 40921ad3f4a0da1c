package io.heliograph.message.history;

import io.heliograph.message.box.Dialog;
import io.heliograph.message.box.StoredMessage;
import io.heliograph.message.box.ChatStore;
import io.heliograph.message.users.SessionUsers;
import io.heliograph.tl.api.MessageService;
import io.heliograph.tl.api.PeerChat;
import io.heliograph.tl.api.TChat;
import io.heliograph.tl.api.TPeer;
import reactor.core.publisher.Flux;
import io.heliograph.tl.api.Message;
import io.heliograph.tl.api.PeerNotifySettings;
import io.heliograph.tl.api.PeerUser;
import io.heliograph.tl.api.TMessage;
import io.heliograph.tl.api.TUser;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** TL views of stored boxes: dialogs, messages and the users they mention, as the box owner sees them. */
@Component
public class Views {

    private final SessionUsers users;
    private final ChatStore chats;

    public Views(SessionUsers users, ChatStore chats) {
        this.users = users;
        this.chats = chats;
    }

    /** The basic groups the messages are in (and {@code more}), as the viewer's box keeps them. */
    public Mono<List<TChat>> chatsOf(long viewer, Collection<? extends TMessage> messages, Collection<Long> more) {
        Set<Long> ids = new LinkedHashSet<>(more);
        for (TMessage m : messages) {
            TPeer peer = m instanceof Message msg ? msg.peerId() : m instanceof MessageService s ? s.peerId() : null;
            if (peer instanceof PeerChat c) {
                ids.add(c.chatId());
            }
        }
        return Flux.fromIterable(ids).concatMap(id -> chats.memberChat(viewer, id))
                .map(mc -> ChatStore.tl(mc, viewer)).collectList();
    }

    public static io.heliograph.tl.api.Dialog dialog(Dialog d) {
        return new io.heliograph.tl.api.Dialog(false, false, false, d.peer().toTl(), d.topMessage(), d.readInboxMax(),
                d.readOutboxMax(), d.unreadCount(), 0, 0, 0,
                new PeerNotifySettings(null, null, null, null, null, null, null, null, null, null, null),
                null, null, null, null);
    }

    /** The users the messages name (senders and private-chat peers), as {@code viewer} sees them. */
    public Mono<List<TUser>> usersOf(long viewer, Collection<? extends TMessage> messages, Collection<Long> more) {
        Set<Long> ids = new LinkedHashSet<>(more);
        for (TMessage m : messages) {
            if (m instanceof Message msg) {
                if (msg.peerId() instanceof PeerUser u) {
                    ids.add(u.userId());
                }
                if (msg.fromId() instanceof PeerUser u) {
                    ids.add(u.userId());
                }
                if (msg.fwdFrom() instanceof io.heliograph.tl.api.MessageFwdHeader f && f.fromId() instanceof PeerUser u) {
                    ids.add(u.userId());
                }
            } else if (m instanceof MessageService svc) {
                if (svc.fromId() instanceof PeerUser u) {
                    ids.add(u.userId());
                }
                if (svc.action() instanceof io.heliograph.tl.api.MessageActionChatCreate a) {
                    ids.addAll(a.users());
                } else if (svc.action() instanceof io.heliograph.tl.api.MessageActionChatAddUser a) {
                    ids.addAll(a.users());
                } else if (svc.action() instanceof io.heliograph.tl.api.MessageActionChatDeleteUser d) {
                    ids.add(d.userId());
                }
            }
        }
        return users.tl(viewer, ids);
    }

    public static List<TMessage> messages(List<StoredMessage> stored) {
        return stored.stream().map(s -> s.tl()).toList();
    }
}
