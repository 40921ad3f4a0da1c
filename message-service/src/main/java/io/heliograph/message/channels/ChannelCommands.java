package io.heliograph.message.channels;

import io.heliograph.events.BoxCommand;
import io.heliograph.events.ChannelId;
import io.heliograph.message.commands.Change;
import io.heliograph.message.commands.Outputs;
import io.heliograph.message.commands.PrivateMessages;
import io.heliograph.message.users.SessionUsers;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.api.ChannelsCreateChannel;
import io.heliograph.tl.api.ChannelsDeleteMessages;
import io.heliograph.tl.api.ChannelsEditAdmin;
import io.heliograph.tl.api.ChannelsInviteToChannel;
import io.heliograph.tl.api.ChannelsJoinChannel;
import io.heliograph.tl.api.ChannelsLeaveChannel;
import io.heliograph.tl.api.ChannelsReadHistory;
import io.heliograph.tl.api.ChatAdminRights;
import io.heliograph.tl.api.InputPeerChannel;
import io.heliograph.tl.api.InputUser;
import io.heliograph.tl.api.InputUserSelf;
import io.heliograph.tl.api.Message;
import io.heliograph.tl.api.MessageActionChannelCreate;
import io.heliograph.tl.api.MessageService;
import io.heliograph.tl.api.MessagesAffectedMessages;
import io.heliograph.tl.api.MessagesChatInviteJoinResultOk;
import io.heliograph.tl.api.MessagesInvitedUsers;
import io.heliograph.tl.api.MessagesSendMessage;
import io.heliograph.tl.api.PeerChannel;
import io.heliograph.tl.api.PeerUser;
import io.heliograph.tl.api.TChat;
import io.heliograph.tl.api.TInputUser;
import io.heliograph.tl.api.TMessage;
import io.heliograph.tl.api.TUpdate;
import io.heliograph.tl.api.TUser;
import io.heliograph.tl.api.UpdateChannel;
import io.heliograph.tl.api.UpdateDeleteChannelMessages;
import io.heliograph.tl.api.UpdateMessageID;
import io.heliograph.tl.api.UpdateNewChannelMessage;
import io.heliograph.tl.api.UpdateReadChannelInbox;
import io.heliograph.tl.api.Updates;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The commands of a channel's box, applied by its single writer (the owner of the channel id's {@code box-commands}
 * partition): create, join, leave, invite, admin rights, posts, deletions and read marks. Every row a command changes
 * (the channel, its participants, the members' membership rows, posts, the update log) goes into the command's one
 * batch; each post or deletion is produced once to {@code channel-posts} for fan-out, and membership changes reach
 * the user's own devices (and so their gateways) as an {@code updateChannel} on {@code updates}.
 */
public final class ChannelCommands {

    static final int MAX_TITLE = 128;
    static final int MAX_ABOUT = 255;
    static final int MAX_INVITE = 200;
    static final int MAX_DELETE = 100;

    private final ChannelStore store;
    private final SessionUsers users;
    private final Outputs out;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ChannelCommands(ChannelStore store, SessionUsers users, Outputs out, Clock clock) {
        this.store = store;
        this.users = users;
        this.out = out;
        this.clock = clock;
    }

    /** Applies a call addressed to the channel box {@code ch.owner()}; throws {@link RpcException} for bad input. */
    public void apply(Change ch, BoxCommand c, TlObject call) {
        if (!ChannelId.isChannel(ch.owner())) {
            throw RpcException.badRequest("CHANNEL_INVALID");
        }
        if (call instanceof ChannelsCreateChannel m) {
            create(ch, c, m);
        } else if (call instanceof MessagesSendMessage m) {
            send(ch, c, m);
        } else if (call instanceof ChannelsJoinChannel m) {
            join(ch, c, Channels.named(m.channel(), ch.owner()));
        } else if (call instanceof ChannelsLeaveChannel m) {
            leave(ch, c, Channels.named(m.channel(), ch.owner()));
        } else if (call instanceof ChannelsInviteToChannel m) {
            invite(ch, c, Channels.named(m.channel(), ch.owner()), m.users());
        } else if (call instanceof ChannelsEditAdmin m) {
            editAdmin(ch, c, Channels.named(m.channel(), ch.owner()), m);
        } else if (call instanceof ChannelsDeleteMessages m) {
            delete(ch, c, Channels.named(m.channel(), ch.owner()), m.id());
        } else if (call instanceof ChannelsReadHistory m) {
            read(ch, c, Channels.named(m.channel(), ch.owner()), m.maxId());
        } else {
            throw new RpcException(400, "METHOD_NOT_IMPLEMENTED");
        }
    }

    // ---- membership --------------------------------------------------------------------------------------------------

    private void create(Change ch, BoxCommand c, ChannelsCreateChannel m) {
        String title = m.title().strip();
        if (title.isEmpty()) {
            throw RpcException.badRequest("CHAT_TITLE_EMPTY");
        }
        if (title.length() > MAX_TITLE) {
            throw RpcException.badRequest("CHAT_TITLE_TOO_LONG");
        }
        if (m.about().length() > MAX_ABOUT) {
            throw RpcException.badRequest("CHAT_ABOUT_TOO_LONG");
        }
        if (ch.lastMessageId() > 0 || await(store.channel(ch.owner())) != null) {
            // the gateway drew an id that is taken (p ~ channels / 2^31): the client may simply try again
            throw new RpcException(500, "CHANNEL_ID_GENERATE_FAILED");
        }
        int date = now();
        long hash = random.nextLong() & Long.MAX_VALUE;
        boolean megagroup = m.megagroup();
        int id = ch.nextMessageId();
        int pts = ch.takePts(1);
        ChannelInfo info = new ChannelInfo(ch.owner(), hash == 0 ? 1 : hash, title, m.about(), !megagroup, megagroup,
                c.callerUserId(), date, 1, id, date);
        Participant creator = new Participant(ch.owner(), c.callerUserId(), Participant.Role.CREATOR,
                Participant.ALL_RIGHTS, 0, 0, date);
        MessageService created = new MessageService(true, false, false, false, false, !megagroup, false, id,
                megagroup ? new PeerUser(c.callerUserId()) : null, new PeerChannel(ch.owner()), null, null, date,
                new MessageActionChannelCreate(title), null, null);
        ch.write(store.putChannel(info));
        ch.write(store.putParticipant(creator));
        ch.write(store.putMembership(new ChannelStore.Membership(c.callerUserId(), ch.owner(), date, id)));
        post(ch, c, info, new ChannelStore.Post(ch.owner(), id, c.callerUserId(), created.toBytes()), created, pts, date);
        Updates result = updates(List.of(new UpdateChannel(ch.owner()), new UpdateNewChannelMessage(created, pts, 1)),
                usersFor(c.callerUserId(), List.of(c.callerUserId())), List.of(info.tl(creator)), date);
        ch.emit(out.result(c, result));
        membershipChanged(ch, c, c.callerUserId(), info.tl(creator), date);
    }

    private void join(Change ch, BoxCommand c, Channels.Named named) {
        long channel = named.id();
        ChannelInfo info = channel(named);
        if (await(store.participant(channel, c.callerUserId())) != null) {
            throw RpcException.badRequest("USER_ALREADY_PARTICIPANT");
        }
        int date = now();
        Participant p = new Participant(channel, c.callerUserId(), Participant.Role.MEMBER, 0, 0, 0, date);
        info = info.withCount(info.participantsCount() + 1);
        ch.write(store.putChannel(info));
        ch.write(store.putParticipant(p));
        ch.write(store.putMembership(new ChannelStore.Membership(c.callerUserId(), channel, date, info.topMessage())));
        Updates result = updates(List.of(new UpdateChannel(channel)), List.of(), List.of(info.tl(p)), date);
        ch.emit(out.result(c, new MessagesChatInviteJoinResultOk(result)));
        membershipChanged(ch, c, c.callerUserId(), info.tl(p), date);
    }

    private void leave(Change ch, BoxCommand c, Channels.Named named) {
        long channel = named.id();
        ChannelInfo info = channel(named);
        Participant p = await(store.participant(channel, c.callerUserId()));
        if (p == null) {
            throw RpcException.badRequest("USER_NOT_PARTICIPANT");
        }
        if (p.isCreator()) {
            throw RpcException.badRequest("USER_CREATOR"); // ownership is not transferable yet
        }
        int date = now();
        info = info.withCount(Math.max(0, info.participantsCount() - 1));
        ch.write(store.putChannel(info));
        ch.write(store.deleteParticipant(channel, c.callerUserId()));
        ch.write(store.deleteMembership(c.callerUserId(), channel));
        Updates result = updates(List.of(new UpdateChannel(channel)), List.of(), List.of(info.left()), date);
        ch.emit(out.result(c, result));
        membershipChanged(ch, c, c.callerUserId(), info.left(), date);
    }

    private void invite(Change ch, BoxCommand c, Channels.Named named, List<TInputUser> invited) {
        long channel = named.id();
        ChannelInfo info = channel(named);
        Participant inviter = member(channel, c.callerUserId());
        if (!inviter.canInvite(info.megagroup())) {
            throw RpcException.badRequest("CHAT_ADMIN_REQUIRED");
        }
        if (invited.isEmpty()) {
            throw RpcException.badRequest("USERS_TOO_FEW");
        }
        if (invited.size() > MAX_INVITE) {
            throw RpcException.badRequest("USERS_TOO_MUCH");
        }
        List<SessionUsers.Seen> found = new ArrayList<>();
        for (TInputUser u : invited) {
            if (!(u instanceof InputUser iu) || iu.userId() == c.callerUserId()) {
                throw RpcException.badRequest("USER_ID_INVALID");
            }
            SessionUsers.Seen seen = await(users.checked(c.callerUserId(), iu.userId(), iu.accessHash()));
            if (seen == null) {
                throw RpcException.badRequest("USER_ID_INVALID");
            }
            if (seen.bot() && info.broadcast()) {
                throw RpcException.badRequest("BOT_GROUPS_BLOCKED");
            }
            found.add(seen);
        }
        int date = now();
        int count = info.participantsCount();
        List<Participant> added = new ArrayList<>();
        for (SessionUsers.Seen seen : found) {
            if (added.stream().anyMatch(p -> p.userId() == seen.id()) || await(store.participant(channel, seen.id())) != null) {
                continue;
            }
            Participant p = new Participant(channel, seen.id(), Participant.Role.MEMBER, 0, c.callerUserId(), 0, date);
            added.add(p);
            ch.write(store.putParticipant(p));
            ch.write(store.putMembership(new ChannelStore.Membership(seen.id(), channel, date, info.topMessage())));
            count++;
        }
        info = info.withCount(count);
        if (!added.isEmpty()) {
            ch.write(store.putChannel(info));
        }
        Updates result = updates(List.of(new UpdateChannel(channel)), List.of(), List.of(info.tl(inviter)), date);
        ch.emit(out.result(c, new MessagesInvitedUsers(result, List.of())));
        for (Participant p : added) {
            int home = found.stream().filter(s -> s.id() == p.userId()).findFirst().orElseThrow().homeDc();
            ch.emit(out.update(home, p.userId(), 0, 0, updates(List.of(new UpdateChannel(channel)), List.of(),
                    List.of(info.tl(p)), date), 0));
        }
    }

    private void editAdmin(Change ch, BoxCommand c, Channels.Named named, ChannelsEditAdmin m) {
        long channel = named.id();
        ChannelInfo info = channel(named);
        Participant promoter = member(channel, c.callerUserId());
        if (!promoter.canPromote()) {
            throw RpcException.badRequest("CHAT_ADMIN_REQUIRED");
        }
        long target;
        if (m.userId() instanceof InputUserSelf) {
            target = c.callerUserId();
        } else if (m.userId() instanceof InputUser u) {
            if (u.userId() != c.callerUserId() && await(users.checked(c.callerUserId(), u.userId(), u.accessHash())) == null) {
                throw RpcException.badRequest("USER_ID_INVALID");
            }
            target = u.userId();
        } else {
            throw RpcException.badRequest("USER_ID_INVALID");
        }
        Participant p = await(store.participant(channel, target));
        if (p == null) {
            throw RpcException.badRequest("USER_NOT_PARTICIPANT");
        }
        if (p.isCreator()) {
            throw RpcException.badRequest("USER_CREATOR");
        }
        if (!(m.adminRights() instanceof ChatAdminRights rights)) {
            throw RpcException.badRequest("ADMIN_RIGHTS_EMPTY");
        }
        int flags = Participant.flags(rights);
        if (!promoter.isCreator() && (flags & ~promoter.adminRights()) != 0) {
            throw RpcException.badRequest("RIGHT_FORBIDDEN"); // an admin gives only rights it has
        }
        int date = now();
        Participant changed = flags == 0
                ? new Participant(channel, target, Participant.Role.MEMBER, 0, p.inviterId(), 0, p.date())
                : new Participant(channel, target, Participant.Role.ADMIN, flags, p.inviterId(), c.callerUserId(), date);
        ch.write(store.putParticipant(changed));
        Updates result = updates(List.of(new UpdateChannel(channel)), usersFor(c.callerUserId(), List.of(target)),
                List.of(info.tl(promoter)), date);
        ch.emit(out.result(c, result));
        if (target != c.callerUserId()) {
            ch.emit(out.update(homeDc(c.callerUserId(), target), target, 0, 0,
                    updates(List.of(new UpdateChannel(channel)), List.of(), List.of(info.tl(changed)), date), 0));
        }
    }

    // ---- posts -------------------------------------------------------------------------------------------------------

    /** {@code messages.sendMessage} to {@code inputPeerChannel}: idempotent per sender by {@code random_id}. */
    private void send(Change ch, BoxCommand c, MessagesSendMessage m) {
        if (!(m.peer() instanceof InputPeerChannel peer) || peer.channelId() != ch.owner()) {
            throw RpcException.badRequest("PEER_ID_INVALID");
        }
        PrivateMessages.checkSend(m); // the rules of every send; the channel's own come next
        String text = m.message();
        ChannelInfo info = channel(new Channels.Named(peer.channelId(), peer.accessHash()));
        Participant sender = await(store.participant(info.id(), c.callerUserId()));
        if (sender == null) {
            throw new RpcException(403, "CHAT_WRITE_FORBIDDEN");
        }
        if (info.broadcast() && !sender.canPost()) {
            throw RpcException.badRequest("CHAT_ADMIN_REQUIRED");
        }
        List<TUser> shown = info.megagroup() ? usersFor(c.callerUserId(), List.of(c.callerUserId())) : List.of();
        int[] sent = await(store.sent(info.id(), c.callerUserId(), m.randomId()));
        if (sent != null) {
            ChannelStore.Post before = await(store.post(info.id(), sent[0]));
            List<TUpdate> again = new ArrayList<>();
            again.add(new UpdateMessageID(sent[0], m.randomId()));
            if (before != null && before.message() instanceof Message msg) {
                again.add(new UpdateNewChannelMessage(msg.toBuilder().out(true).build(), sent[1], 1));
            }
            ch.emit(out.result(c, updates(again, shown, List.of(info.tl(sender)), sent[2])));
            return;
        }
        int date = now();
        int id = ch.nextMessageId();
        int pts = ch.takePts(1);
        Message msg = Message.builder().id(id).post(info.broadcast()).silent(m.silent())
                .fromId(info.megagroup() ? new PeerUser(c.callerUserId()) : null).peerId(new PeerChannel(info.id()))
                .date(date).message(text).entities(m.entities()).build();
        post(ch, c, info, new ChannelStore.Post(info.id(), id, c.callerUserId(), msg.toBytes()), msg, pts, date);
        ch.write(store.putSent(info.id(), c.callerUserId(), m.randomId(), id, pts, date));
        ch.emit(out.result(c, updates(List.of(new UpdateMessageID(id, m.randomId()),
                new UpdateNewChannelMessage(msg.toBuilder().out(true).build(), pts, 1)), shown, List.of(info.tl(sender)), date)));
    }

    /** Stores a new post, logs it, moves the channel's top and hands it to fan-out. */
    private void post(Change ch, BoxCommand c, ChannelInfo info, ChannelStore.Post p, TMessage msg, int pts, int date) {
        ch.write(store.putPost(p, date));
        UpdateNewChannelMessage update = new UpdateNewChannelMessage(msg, pts, 1);
        ch.write(store.logUpdate(info.id(), pts, 1, update.toBytes()));
        ch.write(store.putChannel(info.withTop(p.id(), date)));
        // every member gets this one copy: the sender as a min user (its access hash is the sender's own view)
        List<TUser> shown = info.megagroup() ? usersFor(c.callerUserId(), List.of(p.senderId())).stream()
                .map(u -> u instanceof io.heliograph.tl.api.User user ? (TUser) user.toBuilder().min(true).self(false).build() : u)
                .toList() : List.of();
        ch.emit(out.channelPost(info.id(), pts, 1, updates(List.of(update), shown, List.of(info.withTop(p.id(), date).tl(null)), date)));
    }

    /** {@code channels.deleteMessages}: one's own posts, or any with the delete right; unknown ids are skipped. */
    private void delete(Change ch, BoxCommand c, Channels.Named named, List<Integer> ids) {
        long channel = named.id();
        if (ids.size() > MAX_DELETE) {
            throw RpcException.badRequest("LIMIT_INVALID");
        }
        ChannelInfo info = channel(named);
        Participant p = member(channel, c.callerUserId());
        List<Integer> found = new ArrayList<>();
        for (int id : new LinkedHashSet<>(ids)) {
            ChannelStore.Post post = id > 0 ? await(store.post(channel, id)) : null;
            if (post == null) {
                continue;
            }
            if (post.senderId() != c.callerUserId() && !p.canDeleteOthers()) {
                throw new RpcException(403, "MESSAGE_DELETE_FORBIDDEN");
            }
            found.add(id);
        }
        if (found.isEmpty()) {
            ch.emit(out.result(c, new MessagesAffectedMessages(ch.pts(), 0)));
            return;
        }
        int pts = ch.takePts(found.size());
        int date = now();
        found.forEach(id -> ch.write(store.deletePost(channel, id)));
        if (found.contains(info.topMessage())) {
            ChannelStore.Post top = await(store.before(channel, info.topMessage(), found.size() + 1)
                    .filter(x -> !found.contains(x.id())).next());
            info = top == null ? info.withTop(0, 0) : info.withTop(0, 0).withTop(top.id(), top.date());
            ch.write(store.putChannel(info));
        }
        UpdateDeleteChannelMessages update = new UpdateDeleteChannelMessages(channel, found, pts, found.size());
        ch.write(store.logUpdate(channel, pts, found.size(), update.toBytes()));
        ch.emit(out.result(c, new MessagesAffectedMessages(pts, found.size())));
        ch.emit(out.channelPost(channel, pts, found.size(), updates(List.of(update), List.of(), List.of(info.tl(null)), date)));
    }

    /** {@code channels.readHistory}: the member's read mark moves up (never down); their other devices learn it. */
    private void read(Change ch, BoxCommand c, Channels.Named named, int maxId) {
        long channel = named.id();
        ChannelInfo info = channel(named);
        member(channel, c.callerUserId());
        ChannelStore.Membership m = await(store.membership(c.callerUserId(), channel));
        int max = maxId <= 0 ? info.topMessage() : Math.min(maxId, info.topMessage());
        if (m == null || max <= m.readInboxMax()) {
            ch.emit(out.result(c, true));
            return;
        }
        int unread = await(store.countAfter(channel, max, info.topMessage(), 10_000));
        ch.write(store.putMembership(new ChannelStore.Membership(m.userId(), channel, m.date(), max)));
        ch.emit(out.result(c, true));
        ch.emit(out.update(c.callerUserId(), 0, 0, updates(List.of(new UpdateReadChannelInbox(null, channel, max, unread,
                ch.pts())), List.of(), List.of(), now()), c.callerAuthKeyId()));
    }

    // ---- shared steps ------------------------------------------------------------------------------------------------

    /** The channel a call named, with the access hash the caller showed ({@code CHANNEL_INVALID} when wrong). */
    private ChannelInfo channel(Channels.Named named) {
        ChannelInfo info = await(store.channel(named.id()));
        if (info == null || info.accessHash() != named.accessHash()) {
            throw RpcException.badRequest("CHANNEL_INVALID");
        }
        return info;
    }

    private Participant member(long channel, long user) {
        Participant p = await(store.participant(channel, user));
        if (p == null) {
            throw RpcException.badRequest("CHANNEL_PRIVATE");
        }
        return p;
    }

    /** The user's devices learn a membership change (and their gateway the membership) as {@code updateChannel}. */
    private void membershipChanged(Change ch, BoxCommand c, long user, TChat channel, int date) {
        ch.emit(out.update(user, 0, 0, updates(List.of(new UpdateChannel(ch.owner())), List.of(), List.of(channel), date),
                c.callerAuthKeyId()));
    }

    private List<TUser> usersFor(long viewer, List<Long> ids) {
        return await(users.tl(viewer, ids));
    }

    private int homeDc(long viewer, long user) {
        SessionUsers.Seen seen = await(users.trusted(viewer, List.of(user))).get(user);
        return seen == null ? 0 : seen.homeDc();
    }

    static Updates updates(List<TUpdate> updates, List<TUser> users, List<TChat> chats, int date) {
        return new Updates(updates, users, chats, date, 0);
    }

    private int now() {
        return (int) (clock.millis() / 1000);
    }

    private static <T> T await(Mono<T> mono) {
        return PrivateMessages.await(mono);
    }
}
