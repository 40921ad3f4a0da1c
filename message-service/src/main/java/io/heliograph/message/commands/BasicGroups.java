package io.heliograph.message.commands;

import io.heliograph.events.BoxCommand;
import io.heliograph.events.ChatSnapshot;
import io.heliograph.events.PeerEffect;
import io.heliograph.message.box.BoxStore;
import io.heliograph.message.box.ChatStore;
import io.heliograph.message.box.Peer;
import io.heliograph.message.box.StoredMessage;
import io.heliograph.message.users.SessionUsers;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.api.InputUser;
import io.heliograph.tl.api.InputUserSelf;
import io.heliograph.tl.api.MessageActionChatAddUser;
import io.heliograph.tl.api.MessageActionChatCreate;
import io.heliograph.tl.api.MessageActionChatDeleteUser;
import io.heliograph.tl.api.MessageService;
import io.heliograph.tl.api.MessagesAddChatUser;
import io.heliograph.tl.api.MessagesCreateChat;
import io.heliograph.tl.api.MessagesDeleteChatUser;
import io.heliograph.tl.api.MessagesInvitedUsers;
import io.heliograph.tl.api.PeerChat;
import io.heliograph.tl.api.PeerUser;
import io.heliograph.tl.api.TInputUser;
import io.heliograph.tl.api.TMessageAction;
import io.heliograph.tl.api.TUser;
import io.heliograph.tl.api.UpdateNewMessage;
import io.heliograph.tl.api.Updates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Basic groups: up to {@value #MAX_MEMBERS} members, each with the group's messages in their own box (as private
 * chats). The group itself (title, participants, version) has one writer: the owner of the group id's
 * {@code box-commands} partition, which the gateway addresses membership calls to. It sends every member a
 * {@link PeerEffect.Kind#CHAT_UPDATED} with the new state and the service message; each member's box keeps its copy.
 * A group is created by its creator's box (nobody else knows its id yet) in the creator's DC, its home.
 *
 * @see <a href="https://core.telegram.org/api/channel#basic-groups">Basic groups</a>
 */
final class BasicGroups {

    static final int MAX_MEMBERS = 200;
    static final int MAX_TITLE = 128;

    private final BoxStore store;
    private final ChatStore chats;
    private final SessionUsers users;
    private final Outputs out;
    private final Clock clock;
    private final PrivateMessages messages;

    BasicGroups(BoxStore store, ChatStore chats, SessionUsers users, Outputs out, Clock clock, PrivateMessages messages) {
        this.store = store;
        this.chats = chats;
        this.users = users;
        this.out = out;
        this.clock = clock;
        this.messages = messages;
    }

    /** {@code messages.createChat}, in the creator's box: the group, the creator's service message, the others' copies. */
    void create(Change ch, BoxCommand c, MessagesCreateChat m) {
        String title = m.title().strip();
        if (title.isEmpty()) {
            throw RpcException.badRequest("CHAT_TITLE_EMPTY");
        }
        if (title.length() > MAX_TITLE) {
            throw RpcException.badRequest("CHAT_TITLE_TOO_LONG");
        }
        if (m.users().size() >= MAX_MEMBERS) {
            throw RpcException.badRequest("USERS_TOO_MUCH");
        }
        long creator = ch.owner();
        Map<Long, SessionUsers.Seen> invited = new LinkedHashMap<>();
        for (TInputUser input : m.users()) {
            SessionUsers.Seen seen = checked(creator, input);
            if (seen.id() != creator) {
                invited.put(seen.id(), seen);
            }
        }
        long chatId = newChatId();
        int date = now();
        Map<Long, Long> participants = new LinkedHashMap<>();
        participants.put(creator, creator);
        invited.keySet().forEach(id -> participants.put(id, creator));
        ChatSnapshot chat = new ChatSnapshot(chatId, title, creator, date, 1, out.dc(), participants);
        ch.statements.add(chats.putChat(chat));

        MessageService template = service(creator, chatId, date,
                new MessageActionChatCreate(title, new ArrayList<>(participants.keySet())));
        int pts = keepAndAnnounce(ch, chat, template, creator, 0);
        int id = ch.box.state.lastMessageId() + ch.newMessages;
        List<TUser> seenUsers = PrivateMessages.await(users.tl(creator, participants.keySet()));
        ChatStore.MemberChat mine = new ChatStore.MemberChat(chat, false);
        Updates result = new Updates(List.of(new UpdateNewMessage(template.toBuilder().out(true).id(id).build(), pts, 1)),
                seenUsers, List.of(ChatStore.tl(mine, creator)), date, 0);
        ch.records.add(out.result(c, new MessagesInvitedUsers(result, List.of())));
        ch.records.add(out.update(creator, pts, 1, result, c.callerAuthKeyId()));
        int n = 0;
        for (SessionUsers.Seen member : invited.values()) {
            ch.records.add(out.effect(new PeerEffect(c.commandId() + "/" + n++, member.id(), creator,
                    PeerEffect.Kind.CHAT_UPDATED, chatId, id, null, null, date, template.toBytes(), 0, 0, chat, null),
                    member.homeDc()));
        }
    }

    /** {@code messages.addChatUser}, in the group's box. */
    void addUser(Change ch, BoxCommand c, MessagesAddChatUser m) {
        ChatSnapshot chat = group(ch, m.chatId(), c.callerUserId());
        SessionUsers.Seen user = checked(c.callerUserId(), m.userId());
        if (chat.participants().containsKey(user.id())) {
            throw RpcException.badRequest("USER_ALREADY_PARTICIPANT");
        }
        if (chat.participants().size() >= MAX_MEMBERS) {
            throw RpcException.badRequest("USERS_TOO_MUCH");
        }
        Map<Long, Long> participants = new LinkedHashMap<>(chat.participants());
        participants.put(user.id(), c.callerUserId());
        ChatSnapshot next = changed(chat, participants);
        announce(ch, c, next, participants.keySet(), new MessageActionChatAddUser(List.of(user.id())));
        List<TUser> seen = PrivateMessages.await(users.tl(c.callerUserId(), List.of(user.id())));
        Updates result = new Updates(List.of(), seen, List.of(ChatStore.tl(new ChatStore.MemberChat(next, false),
                c.callerUserId())), now(), 0);
        ch.records.add(out.result(c, new MessagesInvitedUsers(result, List.of())));
    }

    /** {@code messages.deleteChatUser}: a member leaves, or the creator or whoever added them removes them. */
    void deleteUser(Change ch, BoxCommand c, MessagesDeleteChatUser m) {
        ChatSnapshot chat = group(ch, m.chatId(), c.callerUserId());
        long caller = c.callerUserId();
        long user = m.userId() instanceof InputUserSelf ? caller : checked(caller, m.userId()).id();
        Long inviter = chat.participants().get(user);
        if (inviter == null) {
            throw RpcException.badRequest("USER_NOT_PARTICIPANT");
        }
        if (user != caller && caller != chat.creatorId() && inviter != caller) {
            throw RpcException.forbidden("CHAT_ADMIN_REQUIRED");
        }
        Map<Long, Long> participants = new LinkedHashMap<>(chat.participants());
        participants.remove(user);
        ChatSnapshot next = changed(chat, participants);
        announce(ch, c, next, chat.participants().keySet(), new MessageActionChatDeleteUser(user));
        boolean left = user == caller;
        ch.records.add(out.result(c, new Updates(List.of(), List.of(),
                List.of(ChatStore.tl(new ChatStore.MemberChat(next, left), caller)), now(), 0)));
    }

    /** A group's new state reached a member's box: keep it, and add the service message announcing it. */
    void updated(Change ch, PeerEffect e) {
        ChatStore.MemberChat held = PrivateMessages.await(chats.memberChat(ch.owner(), e.chatId()));
        if (held != null && held.chat().version() >= e.chat().version()) {
            return; // applied before (or older than what the box has)
        }
        if (e.message() == null) {
            ch.statements.add(chats.putMemberChat(ch.owner(), e.chat(), !e.chat().participants().containsKey(ch.owner())));
            return;
        }
        MessageService template = (MessageService) ApiRegistry.read(new TlReader(e.message()));
        // service messages of the group's own box have the group as origin; the creation's is the creator's
        long originUser = template.action() instanceof MessageActionChatCreate ? e.fromUserId() : e.chatId();
        int pts = keepAndAnnounce(ch, e.chat(), template, originUser, e.originId());
        int id = ch.box.state.lastMessageId() + ch.newMessages;
        List<Long> named = new ArrayList<>(List.of(e.fromUserId()));
        if (template.action() instanceof MessageActionChatAddUser a) {
            named.addAll(a.users());
        } else if (template.action() instanceof MessageActionChatDeleteUser d) {
            named.add(d.userId());
        }
        boolean left = !e.chat().participants().containsKey(ch.owner());
        MessageService svc = template.toBuilder().out(e.fromUserId() == ch.owner()).id(id).build();
        ch.records.add(out.update(ch.owner(), pts, 1, new Updates(List.of(new UpdateNewMessage(svc, pts, 1)),
                PrivateMessages.await(users.tl(ch.owner(), named)),
                List.of(ChatStore.tl(new ChatStore.MemberChat(e.chat(), left), ch.owner())), svc.date(), 0), 0));
    }

    /** Keeps the newest state of a group a message arrived with; returns the group as the box owner sees it. */
    io.heliograph.tl.api.TChat keep(Change ch, ChatSnapshot chat) {
        ChatStore.MemberChat held = PrivateMessages.await(chats.memberChat(ch.owner(), chat.chatId()));
        if (held == null || held.chat().version() < chat.version()) {
            boolean left = !chat.participants().containsKey(ch.owner());
            ch.statements.add(chats.putMemberChat(ch.owner(), chat, left));
            return ChatStore.tl(new ChatStore.MemberChat(chat, left), ch.owner());
        }
        return ChatStore.tl(held, ch.owner());
    }

    // ---- steps -----------------------------------------------------------------------------------------------------

    /** Stores the group state and its service message in the box; returns the pts reached. */
    private int keepAndAnnounce(Change ch, ChatSnapshot chat, MessageService template, long originUser, int originId) {
        boolean left = !chat.participants().containsKey(ch.owner());
        ch.statements.add(chats.putMemberChat(ch.owner(), chat, left));
        int id = ch.nextMessageId();
        int pts = ch.takePts(1);
        MessageService svc = template.toBuilder().out(template.fromId() instanceof PeerUser u && u.userId() == ch.owner())
                .id(id).build();
        Peer peer = new Peer(Peer.Kind.CHAT, chat.chatId());
        StoredMessage stored = StoredMessage.of(ch.owner(), peer, svc, originUser, originId == 0 ? id : originId);
        ch.statements.add(store.putMessage(stored, svc.date()));
        messages.index(ch, stored);
        ch.dialog(messages.dialog(ch, peer).withTop(id, svc.date()));
        ch.statements.add(store.logUpdate(ch.owner(), pts, 1, new UpdateNewMessage(svc, pts, 1).toBytes()));
        return pts;
    }

    /** The group's writer sends the new state and its service message to every member concerned. */
    private void announce(Change ch, BoxCommand c, ChatSnapshot next, java.util.Collection<Long> members,
            TMessageAction action) {
        ch.statements.add(chats.putChat(next));
        MessageService template = service(c.callerUserId(), next.chatId(), now(), action);
        Map<Long, SessionUsers.Seen> homes = PrivateMessages.await(users.trusted(c.callerUserId(), members));
        int n = 0;
        for (SessionUsers.Seen member : homes.values()) {
            ch.records.add(out.effect(new PeerEffect(c.commandId() + "/" + n++, member.id(), c.callerUserId(),
                    PeerEffect.Kind.CHAT_UPDATED, next.chatId(), next.version(), null, null, now(), template.toBytes(), 0, 0,
                    next, null), member.homeDc()));
        }
    }

    private ChatSnapshot group(Change ch, long chatId, long caller) {
        if (!ChatStore.isChatId(chatId) || ch.owner() != chatId) {
            throw RpcException.badRequest("CHAT_ID_INVALID");
        }
        ChatSnapshot chat = PrivateMessages.await(chats.chat(chatId));
        if (chat == null) {
            throw RpcException.badRequest("CHAT_ID_INVALID"); // unknown, or homed in another DC
        }
        if (!chat.participants().containsKey(caller)) {
            throw RpcException.forbidden("CHAT_WRITE_FORBIDDEN");
        }
        return chat;
    }

    private static ChatSnapshot changed(ChatSnapshot chat, Map<Long, Long> participants) {
        return new ChatSnapshot(chat.chatId(), chat.title(), chat.creatorId(), chat.date(), chat.version() + 1,
                chat.homeDc(), participants);
    }

    private SessionUsers.Seen checked(long caller, TInputUser input) {
        SessionUsers.Seen seen = null;
        if (input instanceof InputUserSelf) {
            seen = PrivateMessages.await(users.trusted(caller, List.of(caller))).get(caller);
        } else if (input instanceof InputUser u) {
            seen = PrivateMessages.await(users.checked(caller, u.userId(), u.accessHash()));
        }
        if (seen == null) {
            throw RpcException.badRequest("USER_ID_INVALID");
        }
        return seen;
    }

    private long newChatId() {
        for (int attempt = 0; attempt < 8; attempt++) {
            long id = ThreadLocalRandom.current().nextLong(ChatStore.MIN_CHAT_ID, ChatStore.MAX_CHAT_ID + 1);
            if (PrivateMessages.await(chats.chat(id)) == null) {
                return id;
            }
        }
        throw new IllegalStateException("no free basic group id after 8 attempts");
    }

    private static MessageService service(long actor, long chatId, int date, TMessageAction action) {
        return MessageService.builder().id(1).fromId(new PeerUser(actor)).peerId(new PeerChat(chatId)).date(date)
                .action(action).build();
    }

    private int now() {
        return (int) (clock.millis() / 1000);
    }
}
