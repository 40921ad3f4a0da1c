package io.heliograph.message.commands;

import io.heliograph.events.BoxCommand;
import io.heliograph.events.PeerEffect;
import io.heliograph.events.ChatSnapshot;
import io.heliograph.message.box.BoxStore;
import io.heliograph.message.box.ChatStore;
import io.heliograph.message.box.Dialog;
import io.heliograph.message.box.Peer;
import io.heliograph.message.box.StoredMessage;
import io.heliograph.message.users.SessionUsers;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.api.InputPeerChat;
import io.heliograph.tl.api.InputPeerSelf;
import io.heliograph.tl.api.InputPeerUser;
import io.heliograph.tl.api.InputReplyToMessage;
import io.heliograph.tl.api.Message;
import io.heliograph.tl.api.MessageReplyHeader;
import io.heliograph.tl.api.MessagesAffectedMessages;
import io.heliograph.tl.api.MessagesDeleteMessages;
import io.heliograph.tl.api.MessagesEditMessage;
import io.heliograph.tl.api.MessagesForwardMessages;
import io.heliograph.tl.api.MessageFwdHeader;
import io.heliograph.tl.api.UpdateMessageID;
import io.heliograph.tl.api.MessagesReadHistory;
import io.heliograph.tl.api.MessagesSendMessage;
import io.heliograph.tl.api.PeerUser;
import io.heliograph.tl.api.TInputPeer;
import io.heliograph.tl.api.TMessageEntity;
import io.heliograph.tl.api.TUpdate;
import io.heliograph.tl.api.TUser;
import io.heliograph.tl.api.UpdateDeleteMessages;
import io.heliograph.tl.api.UpdateEditMessage;
import io.heliograph.tl.api.UpdateNewMessage;
import io.heliograph.tl.api.UpdateReadHistoryInbox;
import io.heliograph.tl.api.UpdateReadHistoryOutbox;
import io.heliograph.tl.api.UpdateShortSentMessage;
import io.heliograph.tl.api.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Private chats in per-user boxes, as Telegram keeps them: each side has its own copy of a message with its own id and
 * pts. The sender's box applies the client's call and emits a {@link PeerEffect} for the other box, whose writer
 * applies it there; both emit updates for their user's devices.
 *
 * @see <a href="https://core.telegram.org/api/updates">Updates and sequences (pts)</a>
 */
public final class PrivateMessages {

    /** Telegram's limit on a text message, in UTF-16 units. */
    static final int MAX_TEXT = 4096;
    static final int MAX_DELETE = 100;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BoxStore store;
    private final ChatStore chats;
    private final SessionUsers users;
    private final Outputs out;
    private final Clock clock;
    private final BasicGroups groups;

    PrivateMessages(BoxStore store, ChatStore chats, SessionUsers users, Outputs out, Clock clock) {
        this.store = store;
        this.chats = chats;
        this.users = users;
        this.out = out;
        this.clock = clock;
        this.groups = new BasicGroups(store, chats, users, out, clock, this);
    }

    BasicGroups groups() {
        return groups;
    }

    // ---- client calls ------------------------------------------------------------------------------------------------

    /** {@code messages.sendMessage}: idempotent by {@code random_id}; answered with {@code updateShortSentMessage}. */
    void send(Change ch, BoxCommand c, MessagesSendMessage m) {
        checkSend(m);
        String text = m.message();
        int[] sent = sent(ch, m.randomId());
        if (sent != null) {
            ch.records.add(out.result(c, new UpdateShortSentMessage(true, sent[0], sent[1], 1, sent[2], null, m.entities(), null)));
            return;
        }
        Target to = target(c.callerUserId(), m.peer());
        StoredMessage replied = null;
        if (m.replyTo() instanceof InputReplyToMessage r) {
            replied = await(store.message(ch.owner(), r.replyToMsgId()));
            if (replied == null || !replied.peer().equals(to.peer())) {
                throw RpcException.badRequest("REPLY_MESSAGE_ID_INVALID");
            }
        }
        int date = now();
        int id = ch.nextMessageId();
        int pts = ch.takePts(1);
        Message msg = Message.builder().out(true).silent(m.silent()).id(id).fromId(new PeerUser(ch.owner()))
                .peerId(to.peer().toTl()).replyTo(replied == null ? null : reply(replied.id()))
                .date(date).message(text).entities(m.entities()).build();
        store(ch, StoredMessage.of(ch.owner(), to.peer(), msg, ch.owner(), id), date, false);
        byte[] update = new UpdateNewMessage(msg, pts, 1).toBytes();
        ch.statements.add(store.logUpdate(ch.owner(), pts, 1, update));
        putSent(ch, m.randomId(), id, pts, date);
        ch.records.add(out.result(c, new UpdateShortSentMessage(true, id, pts, 1, date, null, m.entities(), null)));
        ch.records.add(out.update(ch.owner(), pts, 1, updates(new UpdateNewMessage(msg, pts, 1), to.users(),
                to.chats(ch.owner()), date), c.callerAuthKeyId()));
        int n = 0;
        for (Member member : to.others()) {
            ch.records.add(out.effect(new PeerEffect(effectId(c, n++), member.id(), ch.owner(),
                    PeerEffect.Kind.NEW_MESSAGE, to.chatId(), id, null, null, date, msg.toBytes(),
                    replied == null ? 0 : replied.originUserId(), replied == null ? 0 : replied.originId(),
                    to.snapshot(), null), member.homeDc()));
        }
    }

    /**
     * {@code messages.forwardMessages}: each message named becomes a new message of the target dialog with a
     * {@code fwd_from} header naming its author, idempotent per {@code random_id}; answered with
     * {@code updateMessageID} + {@code updateNewMessage} per message.
     */
    void forward(Change ch, BoxCommand c, MessagesForwardMessages m) {
        if (m.id().isEmpty()) {
            throw RpcException.badRequest("MESSAGE_IDS_EMPTY");
        }
        if (m.id().size() != m.randomId().size() || m.randomId().contains(0L)
                || new LinkedHashSet<>(m.randomId()).size() != m.randomId().size()) {
            throw RpcException.badRequest("RANDOM_ID_INVALID");
        }
        if (m.id().size() > MAX_DELETE) {
            throw RpcException.badRequest("LIMIT_INVALID");
        }
        if (m.scheduleDate() != null) {
            throw RpcException.badRequest("SCHEDULE_DATE_INVALID");
        }
        Peer from = source(ch.owner(), m.fromPeer());
        Target to = target(c.callerUserId(), m.toPeer());
        int date = now();
        List<TUpdate> result = new ArrayList<>();
        Set<Long> authors = new LinkedHashSet<>();
        int n = 0;
        for (int i = 0; i < m.id().size(); i++) {
            long randomId = m.randomId().get(i);
            int[] sent = sent(ch, randomId);
            if (sent != null) { // a retry: what the first attempt made
                StoredMessage earlier = await(store.message(ch.owner(), sent[0]));
                result.add(new UpdateMessageID(sent[0], randomId));
                if (earlier != null) {
                    result.add(new UpdateNewMessage(earlier.tl(), sent[1], 1));
                }
                continue;
            }
            StoredMessage source = await(store.message(ch.owner(), from, m.id().get(i)));
            Message original = source == null ? null : source.message();
            if (original == null) {
                continue; // unknown, deleted, or a service message: Telegram leaves it out
            }
            long author = original.fwdFrom() instanceof MessageFwdHeader f && f.fromId() instanceof PeerUser u ? u.userId()
                    : source.out() ? ch.owner() : source.originUserId();
            authors.add(author);
            MessageFwdHeader header = original.fwdFrom() instanceof MessageFwdHeader f ? f
                    : MessageFwdHeader.builder().fromId(new PeerUser(author)).date(original.date()).build();
            int id = ch.nextMessageId();
            int pts = ch.takePts(1);
            Message msg = Message.builder().out(true).silent(m.silent()).id(id).fromId(new PeerUser(ch.owner()))
                    .peerId(to.peer().toTl()).fwdFrom(header).date(date).message(original.message())
                    .entities(original.entities()).build();
            store(ch, StoredMessage.of(ch.owner(), to.peer(), msg, ch.owner(), id), date, false);
            ch.statements.add(store.logUpdate(ch.owner(), pts, 1, new UpdateNewMessage(msg, pts, 1).toBytes()));
            putSent(ch, randomId, id, pts, date);
            result.add(new UpdateMessageID(id, randomId));
            result.add(new UpdateNewMessage(msg, pts, 1));
            ch.records.add(out.update(ch.owner(), pts, 1, updates(new UpdateNewMessage(msg, pts, 1), to.users(),
                    to.chats(ch.owner()), date), c.callerAuthKeyId()));
            for (Member member : to.others()) {
                ch.records.add(out.effect(new PeerEffect(effectId(c, n++), member.id(), ch.owner(),
                        PeerEffect.Kind.NEW_MESSAGE, to.chatId(), id, null, null, date, msg.toBytes(), 0, 0,
                        to.snapshot(), null), member.homeDc()));
            }
        }
        if (result.isEmpty()) {
            throw RpcException.badRequest("MESSAGE_ID_INVALID");
        }
        List<TUser> users = new ArrayList<>(to.users());
        authors.removeIf(a -> to.users().stream().anyMatch(u -> u instanceof io.heliograph.tl.api.User x && x.id() == a));
        if (!authors.isEmpty()) {
            users.addAll(await(this.users.tl(ch.owner(), authors)));
        }
        ch.records.add(out.result(c, new Updates(result, users, to.chats(ch.owner()), date, 0)));
    }

    /** A dialog the caller reads from: itself, a user it may name, or a group its box holds. */
    private Peer source(long caller, TInputPeer input) {
        if (input instanceof InputPeerChat c) {
            if (await(chats.memberChat(caller, c.chatId())) == null) {
                throw RpcException.badRequest("CHAT_ID_INVALID");
            }
            return new Peer(Peer.Kind.CHAT, c.chatId());
        }
        return target(caller, input).peer();
    }

    /** {@code messages.editMessage} of one's own message; the other side's copy follows. */
    void edit(Change ch, BoxCommand c, MessagesEditMessage m) {
        Target to = target(c.callerUserId(), m.peer());
        StoredMessage stored = await(store.message(ch.owner(), to.peer(), m.id()));
        if (stored == null) {
            throw RpcException.badRequest("MESSAGE_ID_INVALID");
        }
        if (!stored.out()) {
            throw RpcException.badRequest("MESSAGE_AUTHOR_REQUIRED");
        }
        Message old = stored.message();
        if (old == null) {
            throw RpcException.badRequest("MESSAGE_ID_INVALID"); // a service message
        }
        String text = m.message() == null ? old.message() : m.message();
        List<TMessageEntity> entities = m.message() == null && m.entities() == null ? old.entities() : m.entities();
        if (text.isEmpty()) {
            throw RpcException.badRequest("MESSAGE_EMPTY");
        }
        if (text.length() > MAX_TEXT) {
            throw RpcException.badRequest("MESSAGE_TOO_LONG");
        }
        checkEntities(text, entities);
        if (text.equals(old.message()) && Objects.equals(emptyToNull(entities), emptyToNull(old.entities()))) {
            throw RpcException.badRequest("MESSAGE_NOT_MODIFIED");
        }
        int date = now();
        int pts = ch.takePts(1);
        Message edited = old.toBuilder().message(text).entities(entities).editDate(date).build();
        ch.statements.add(store.putMessage(StoredMessage.of(ch.owner(), to.peer(), edited, stored.originUserId(),
                stored.originId()), old.date()));
        UpdateEditMessage update = new UpdateEditMessage(edited, pts, 1);
        ch.statements.add(store.logUpdate(ch.owner(), pts, 1, update.toBytes()));
        Updates result = updates(update, to.users(), to.chats(ch.owner()), date);
        ch.records.add(out.result(c, result));
        ch.records.add(out.update(ch.owner(), pts, 1, result, c.callerAuthKeyId()));
        int n = 0;
        for (Member member : to.others()) {
            ch.records.add(out.effect(new PeerEffect(effectId(c, n++), member.id(), ch.owner(),
                    PeerEffect.Kind.EDIT_MESSAGE, to.chatId(), stored.originId(), null, null, date, edited.toBytes(), 0, 0,
                    to.snapshot(), null), member.homeDc()));
        }
    }

    /** {@code messages.deleteMessages}: from this box, and with {@code revoke} from the other side's too. */
    void delete(Change ch, BoxCommand c, MessagesDeleteMessages m) {
        if (m.id().size() > MAX_DELETE) {
            throw RpcException.badRequest("LIMIT_INVALID");
        }
        List<StoredMessage> found = new ArrayList<>();
        for (int id : new LinkedHashSet<>(m.id())) {
            StoredMessage s = id > 0 ? await(store.message(ch.owner(), id)) : null;
            if (s != null) {
                found.add(s);
            }
        }
        if (found.isEmpty()) {
            ch.records.add(out.result(c, new MessagesAffectedMessages(ch.pts(), 0)));
            return;
        }
        int pts = removeAll(ch, found);
        List<Integer> ids = found.stream().map(StoredMessage::id).toList();
        ch.records.add(out.result(c, new MessagesAffectedMessages(pts, found.size())));
        ch.records.add(out.update(ch.owner(), pts, found.size(), updates(new UpdateDeleteMessages(ids, pts, found.size()),
                List.of(), now()), c.callerAuthKeyId()));
        if (!m.revoke()) {
            return;
        }
        Map<Long, List<StoredMessage>> byPeer = new LinkedHashMap<>();
        for (StoredMessage s : found) {
            if (s.peer().isUser() && s.peer().id() != ch.owner()) {
                byPeer.computeIfAbsent(s.peer().id(), k -> new ArrayList<>()).add(s);
            }
        }
        int n = 0;
        for (var e : byPeer.entrySet()) {
            List<Integer> mine = e.getValue().stream().filter(StoredMessage::out).map(StoredMessage::originId).toList();
            List<Integer> theirs = e.getValue().stream().filter(s -> !s.out()).map(StoredMessage::originId).toList();
            ch.records.add(out.effect(new PeerEffect(effectId(c, n++), e.getKey(), ch.owner(),
                    PeerEffect.Kind.DELETE_MESSAGES, 0, 0, mine, theirs, now(), null, 0, 0), homeDc(ch.owner(), e.getKey())));
        }
        // in a basic group, every participant's copies go: named by their origin (sender, sender's id)
        Map<Long, List<StoredMessage>> byChat = new LinkedHashMap<>();
        for (StoredMessage s : found) {
            if (s.peer().kind() == Peer.Kind.CHAT) {
                byChat.computeIfAbsent(s.peer().id(), k -> new ArrayList<>()).add(s);
            }
        }
        for (var e : byChat.entrySet()) {
            Target to = target(ch.owner(), new InputPeerChat(e.getKey()));
            List<Integer> origins = e.getValue().stream().map(StoredMessage::originId).toList();
            List<Long> senders = e.getValue().stream().map(StoredMessage::originUserId).toList();
            for (Member member : to.others()) {
                ch.records.add(out.effect(new PeerEffect(effectId(c, n++), member.id(), ch.owner(),
                        PeerEffect.Kind.DELETE_MESSAGES, e.getKey(), 0, origins, null, now(), null, 0, 0, to.snapshot(), senders),
                        member.homeDc()));
            }
        }
    }

    /** {@code messages.readHistory}: marks the inbox read; the sender learns it as a read of its outbox. */
    void read(Change ch, BoxCommand c, MessagesReadHistory m) {
        Target to = target(c.callerUserId(), m.peer());
        Dialog d = dialog(ch, to.peer());
        int max = m.maxId() <= 0 ? d.topMessage() : Math.min(m.maxId(), d.topMessage());
        if (max <= d.readInboxMax()) {
            ch.records.add(out.result(c, new MessagesAffectedMessages(ch.pts(), 0)));
            return;
        }
        int unread = (int) await(store.after(ch.owner(), to.peer(), max, 10_000).filter(s -> !s.out()).count()).longValue();
        int pts = ch.takePts(1);
        ch.dialog(d.withReadInbox(max, unread));
        UpdateReadHistoryInbox update = new UpdateReadHistoryInbox(null, to.peer().toTl(), null, max, unread, pts, 1);
        ch.statements.add(store.logUpdate(ch.owner(), pts, 1, update.toBytes()));
        ch.records.add(out.result(c, new MessagesAffectedMessages(pts, 1)));
        ch.records.add(out.update(ch.owner(), pts, 1, updates(update, List.of(), now()), c.callerAuthKeyId()));
        if (to.peer().id() != ch.owner() || !to.peer().isUser()) {
            StoredMessage newestIncoming = await(store.history(ch.owner(), to.peer(), max + 1, 200)
                    .filter(s -> !s.out()).next());
            if (newestIncoming != null) {
                long sender = newestIncoming.originUserId();
                int senderDc = to.others().stream().filter(x -> x.id() == sender).map(Member::homeDc).findFirst()
                        .orElseGet(() -> homeDc(ch.owner(), sender));
                ch.records.add(out.effect(new PeerEffect(effectId(c, 0), sender, ch.owner(),
                        PeerEffect.Kind.READ_OUTBOX, to.chatId(), newestIncoming.originId(), null, null, now(), null, 0, 0),
                        senderDc));
            }
        }
    }

    // ---- effects from the other box -----------------------------------------------------------------------------------

    void apply(Change ch, PeerEffect e) {
        switch (e.kind()) {
            case NEW_MESSAGE -> received(ch, e);
            case EDIT_MESSAGE -> edited(ch, e);
            case DELETE_MESSAGES -> deleted(ch, e);
            case READ_OUTBOX -> readByPeer(ch, e);
            case CHAT_UPDATED -> groups.updated(ch, e);
        }
    }

    private void received(Change ch, PeerEffect e) {
        Peer peer = e.chatId() != 0 ? new Peer(Peer.Kind.CHAT, e.chatId()) : Peer.user(e.fromUserId());
        if (appliedBefore(ch, e, peer)) {
            return;
        }
        Message src = (Message) ApiRegistry.read(new TlReader(e.message()));
        List<io.heliograph.tl.api.TChat> chatViews = e.chat() == null ? List.of() : List.of(groups.keep(ch, e.chat()));
        Integer replyTo = e.replyOriginUserId() == 0 ? null
                : idOfOrigin(ch, e.replyOriginUserId(), e.replyOriginId());
        int id = ch.nextMessageId();
        int pts = ch.takePts(1);
        Message msg = src.toBuilder().out(false).id(id).peerId(peer.toTl()).fromId(new PeerUser(e.fromUserId()))
                .replyTo(replyTo == null ? null : reply(replyTo)).build();
        store(ch, StoredMessage.of(ch.owner(), peer, msg, e.fromUserId(), e.originId()), msg.date(), true);
        UpdateNewMessage update = new UpdateNewMessage(msg, pts, 1);
        ch.statements.add(store.logUpdate(ch.owner(), pts, 1, update.toBytes()));
        List<Long> named = new ArrayList<>(List.of(e.fromUserId()));
        if (src.fwdFrom() instanceof MessageFwdHeader f && f.fromId() instanceof PeerUser author
                && author.userId() != e.fromUserId()) {
            named.add(author.userId());
        }
        ch.records.add(out.update(ch.owner(), pts, 1, updates(update, await(users.tl(ch.owner(), named)), chatViews,
                msg.date()), 0));
    }

    /**
     * Whether this incoming message is already in the box. In a private dialog whose row knows its mark, the mark says
     * (one sender's messages arrive in the order of its ids: see V11 of the tables); otherwise {@code box_origins}.
     */
    private boolean appliedBefore(Change ch, PeerEffect e, Peer peer) {
        if (e.chatId() == 0) {
            int mark = dialog(ch, peer).maxOriginIn();
            if (mark > 0) {
                return e.originId() <= mark;
            }
        }
        return idOfOrigin(ch, e.fromUserId(), e.originId()) != null;
    }

    private void edited(Change ch, PeerEffect e) {
        Integer id = await(store.idOfOrigin(ch.owner(), e.fromUserId(), e.originId()));
        StoredMessage stored = id == null ? null : await(store.message(ch.owner(), id));
        if (stored == null || stored.message() == null) {
            return; // deleted here, or never arrived
        }
        Message src = (Message) ApiRegistry.read(new TlReader(e.message()));
        Message old = stored.message();
        if (Objects.equals(old.editDate(), src.editDate()) && old.message().equals(src.message())) {
            return; // applied before
        }
        int pts = ch.takePts(1);
        Message edited = old.toBuilder().message(src.message()).entities(src.entities()).editDate(src.editDate()).build();
        ch.statements.add(store.putMessage(StoredMessage.of(ch.owner(), stored.peer(), edited, stored.originUserId(),
                stored.originId()), old.date()));
        UpdateEditMessage update = new UpdateEditMessage(edited, pts, 1);
        ch.statements.add(store.logUpdate(ch.owner(), pts, 1, update.toBytes()));
        ch.records.add(out.update(ch.owner(), pts, 1, updates(update, await(users.tl(ch.owner(), List.of(e.fromUserId()))), e.date()), 0));
    }

    private void deleted(Change ch, PeerEffect e) {
        Peer peer = e.chatId() != 0 ? new Peer(Peer.Kind.CHAT, e.chatId()) : Peer.user(e.fromUserId());
        Set<Integer> ids = new LinkedHashSet<>();
        for (int i = 0; i < e.originIds().size(); i++) {
            Integer id = await(store.idOfOrigin(ch.owner(), e.originUserOf(i), e.originIds().get(i)));
            if (id != null) {
                ids.add(id);
            }
        }
        ids.addAll(e.ownIds());
        List<StoredMessage> found = new ArrayList<>();
        for (int id : ids) {
            StoredMessage s = await(store.message(ch.owner(), peer, id));
            if (s != null) {
                found.add(s);
            }
        }
        if (found.isEmpty()) {
            return;
        }
        int pts = removeAll(ch, found);
        List<Integer> removed = found.stream().map(StoredMessage::id).toList();
        ch.records.add(out.update(ch.owner(), pts, found.size(),
                updates(new UpdateDeleteMessages(removed, pts, found.size()), List.of(), e.date()), 0));
    }

    private void readByPeer(Change ch, PeerEffect e) {
        Peer peer = e.chatId() != 0 ? new Peer(Peer.Kind.CHAT, e.chatId()) : Peer.user(e.fromUserId());
        Dialog d = dialog(ch, peer);
        if (e.originId() <= d.readOutboxMax()) {
            return;
        }
        int pts = ch.takePts(1);
        ch.dialog(d.withReadOutbox(e.originId()));
        UpdateReadHistoryOutbox update = new UpdateReadHistoryOutbox(peer.toTl(), e.originId(), pts, 1);
        ch.statements.add(store.logUpdate(ch.owner(), pts, 1, update.toBytes()));
        ch.records.add(out.update(ch.owner(), pts, 1, updates(update, List.of(), e.date()), 0));
    }

    // ---- shared steps ------------------------------------------------------------------------------------------------

    /** A user who gets a copy: their id and home DC. */
    record Member(long id, int homeDc) {
    }

    /**
     * A peer a client named, checked: the box key, the members who get copies (the other user, or the group's other
     * participants), and the users and group as the caller sees them.
     */
    record Target(Peer peer, List<Member> others, List<TUser> users, ChatStore.MemberChat chat) {
        int homeDc() {
            return others.isEmpty() ? 0 : others.get(0).homeDc();
        }

        List<io.heliograph.tl.api.TChat> chats(long viewer) {
            return chat == null ? List.of() : List.of(ChatStore.tl(chat, viewer));
        }

        ChatSnapshot snapshot() {
            return chat == null ? null : chat.chat();
        }

        long chatId() {
            return chat == null ? 0 : chat.chat().chatId();
        }
    }

    Target target(long caller, TInputPeer input) {
        if (input instanceof InputPeerChat c) {
            ChatStore.MemberChat chat = await(chats.memberChat(caller, c.chatId()));
            if (chat == null) {
                throw RpcException.badRequest("CHAT_ID_INVALID");
            }
            if (chat.left() || !chat.chat().participants().containsKey(caller)) {
                throw RpcException.forbidden("CHAT_WRITE_FORBIDDEN");
            }
            List<Long> ids = chat.chat().participants().keySet().stream().filter(id -> id != caller).sorted().toList();
            Map<Long, SessionUsers.Seen> seen = ids.isEmpty() ? Map.of() : await(users.trusted(caller, ids));
            List<Member> others = seen.values().stream().map(u -> new Member(u.id(), u.homeDc())).toList();
            return new Target(new Peer(Peer.Kind.CHAT, c.chatId()), others, List.of(), chat);
        }
        long id;
        SessionUsers.Seen seen;
        if (input instanceof InputPeerSelf) {
            id = caller;
            seen = await(users.trusted(caller, List.of(caller))).get(caller);
        } else if (input instanceof InputPeerUser u) {
            id = u.userId();
            seen = u.userId() == caller ? await(users.trusted(caller, List.of(caller))).get(caller)
                    : await(users.checked(caller, u.userId(), u.accessHash()));
        } else {
            throw RpcException.badRequest("PEER_ID_INVALID");
        }
        if (seen == null) {
            throw RpcException.badRequest("PEER_ID_INVALID");
        }
        List<Member> others = id == caller ? List.of() : List.of(new Member(id, seen.homeDc()));
        return new Target(Peer.user(id), others, List.of(seen.tl()), null);
    }

    private int homeDc(long viewer, long user) {
        SessionUsers.Seen seen = await(users.trusted(viewer, List.of(user))).get(user);
        if (seen == null) {
            throw new IllegalStateException("user " + user + " is unknown to session-service");
        }
        return seen.homeDc();
    }


    /** The send of this box with {@code randomId}: staged in the writer's batch or read ahead for it, else durable, else null. */
    private int[] sent(Change ch, long randomId) {
        int[] staged = ch.stagedSent(randomId);
        if (staged != null || ch.group.knowsSent(ch.owner(), randomId)) {
            return staged;
        }
        return await(store.sent(ch.owner(), randomId));
    }

    private void putSent(Change ch, long randomId, int id, int pts, int date) {
        ch.statements.add(store.putSent(ch.owner(), randomId, id, pts, date));
        ch.wrote.putSent(ch.owner(), randomId, id, pts, date);
    }

    /** This box's id of the message with that origin: staged in the writer's group, else durable, else null. */
    private Integer idOfOrigin(Change ch, long originUser, int originId) {
        Integer staged = ch.stagedOrigin(originUser, originId);
        return staged != null ? staged : await(store.idOfOrigin(ch.owner(), originUser, originId));
    }

    /** Writes a new message of the box and moves its dialog's top (and unread count for incoming ones). */
    private void store(Change ch, StoredMessage m, int date, boolean incoming) {
        ch.statements.add(store.putMessage(m, date));
        index(ch, m);
        Dialog d = dialog(ch, m.peer()).withTop(m.id(), date);
        if (incoming) {
            d = d.withUnread(d.unreadCount() + 1);
            if (m.peer().kind() == Peer.Kind.USER) {
                d = d.withOriginIn(m.originId());
            }
        }
        ch.dialog(d);
    }

    /** The id and origin index rows of a new message of the box. */
    void index(Change ch, StoredMessage m) {
        ch.statements.addAll(store.indexMessage(m));
        ch.wrote.putOrigin(ch.owner(), m.originUserId(), m.originId(), m.id());
    }

    /** Removes messages of the box, fixes their dialogs, logs one {@code updateDeleteMessages}; returns the pts. */
    private int removeAll(Change ch, List<StoredMessage> found) {
        int pts = ch.takePts(found.size());
        Map<Peer, List<StoredMessage>> byPeer = new LinkedHashMap<>();
        for (StoredMessage s : found) {
            ch.statements.addAll(store.deleteMessage(s));
            byPeer.computeIfAbsent(s.peer(), k -> new ArrayList<>()).add(s);
        }
        for (var e : byPeer.entrySet()) {
            Set<Integer> gone = new LinkedHashSet<>(e.getValue().stream().map(StoredMessage::id).toList());
            Dialog d = dialog(ch, e.getKey());
            int unreadGone = (int) e.getValue().stream().filter(s -> !s.out() && s.id() > d.readInboxMax()).count();
            StoredMessage top = await(store.history(ch.owner(), e.getKey(), Integer.MAX_VALUE, gone.size() + 1)
                    .filter(s -> !gone.contains(s.id())).next());
            if (top == null) {
                ch.statements.add(store.deleteDialog(ch.owner(), e.getKey()));
                ch.dialog(Dialog.empty(e.getKey()));
                ch.box.dialogs.remove(e.getKey());
            } else {
                ch.dialog(d.withTopReplaced(top.id(), top.date()).withUnread(Math.max(0, d.unreadCount() - unreadGone)));
            }
        }
        List<Integer> ids = found.stream().map(StoredMessage::id).toList();
        ch.statements.add(store.logUpdate(ch.owner(), pts, found.size(), new UpdateDeleteMessages(ids, pts, found.size()).toBytes()));
        return pts;
    }

    Dialog dialog(Change ch, Peer peer) {
        Dialog d = ch.dialogs.get(peer);
        if (d == null) {
            d = ch.box.dialogs.get(peer);
        }
        if (d == null) {
            d = await(store.dialog(ch.owner(), peer));
            d = d == null ? Dialog.empty(peer) : d;
            ch.box.dialogs.put(peer, d);
        }
        return d;
    }

    private static MessageReplyHeader reply(int id) {
        return new MessageReplyHeader(false, false, false, false, id, null, null, null, null, null, null, null, null, null);
    }

    static Updates updates(TUpdate update, List<TUser> users, int date) {
        return new Updates(List.of(update), users, List.of(), date, 0);
    }

    static Updates updates(TUpdate update, List<TUser> users, List<io.heliograph.tl.api.TChat> chats, int date) {
        return new Updates(List.of(update), users, chats, date, 0);
    }

    private static String effectId(BoxCommand c, int n) {
        return c.commandId() + "/" + n;
    }

    /**
     * What every {@code messages.sendMessage} must be, whatever its peer: text of 1..{@value #MAX_TEXT} UTF-16 units,
     * a {@code random_id}, no schedule (not built), entities within the text.
     */
    public static void checkSend(MessagesSendMessage m) {
        if (m.message().isEmpty()) {
            throw RpcException.badRequest("MESSAGE_EMPTY");
        }
        if (m.message().length() > MAX_TEXT) {
            throw RpcException.badRequest("MESSAGE_TOO_LONG");
        }
        if (m.randomId() == 0) {
            throw RpcException.badRequest("RANDOM_ID_INVALID");
        }
        if (m.scheduleDate() != null) {
            throw RpcException.badRequest("SCHEDULE_DATE_INVALID");
        }
        checkEntities(m.message(), m.entities());
    }

    /** Entities must lie within the text (offsets and lengths in UTF-16 units, as the API counts them). */
    public static void checkEntities(String text, List<TMessageEntity> entities) {
        if (entities == null) {
            return;
        }
        if (entities.size() > 1000) {
            throw RpcException.badRequest("ENTITIES_TOO_LONG");
        }
        for (TMessageEntity e : entities) {
            int[] range = EntityRange.of(e);
            if (range == null) {
                throw RpcException.badRequest("ENTITY_BOUNDS_INVALID");
            }
            if (range[0] < 0 || range[1] <= 0 || range[0] + range[1] > text.length()) {
                throw RpcException.badRequest("ENTITY_BOUNDS_INVALID");
            }
        }
    }

    private static List<TMessageEntity> emptyToNull(List<TMessageEntity> entities) {
        return entities == null || entities.isEmpty() ? null : entities;
    }

    private int now() {
        return (int) (clock.millis() / 1000);
    }

    /** Waits for a Cassandra or session-service answer: box writers run on their own threads, never an event loop. */
    public static <T> T await(Mono<T> mono) {
        return mono.block(WAIT);
    }
}
