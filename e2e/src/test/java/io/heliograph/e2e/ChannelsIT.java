package io.heliograph.e2e;

import static io.heliograph.e2e.PrivateMessagesIT.call;
import static io.heliograph.e2e.PrivateMessagesIT.error;
import static io.heliograph.e2e.PrivateMessagesIT.resolve;
import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.mtproto.client.MtprotoClient;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.api.Channel;
import io.heliograph.tl.api.ChannelMessagesFilterEmpty;
import io.heliograph.tl.api.ChannelParticipantsAdmins;
import io.heliograph.tl.api.ChannelParticipantsRecent;
import io.heliograph.tl.api.ChannelsChannelParticipants;
import io.heliograph.tl.api.ChannelsCreateChannel;
import io.heliograph.tl.api.ChannelsDeleteMessages;
import io.heliograph.tl.api.ChannelsEditAdmin;
import io.heliograph.tl.api.ChannelsGetMessages;
import io.heliograph.tl.api.ChannelsGetParticipants;
import io.heliograph.tl.api.ChannelsInviteToChannel;
import io.heliograph.tl.api.ChannelsJoinChannel;
import io.heliograph.tl.api.ChannelsLeaveChannel;
import io.heliograph.tl.api.ChannelsReadHistory;
import io.heliograph.tl.api.ChatAdminRights;
import io.heliograph.tl.api.Dialog;
import io.heliograph.tl.api.InputChannel;
import io.heliograph.tl.api.InputDialogPeer;
import io.heliograph.tl.api.InputMessageID;
import io.heliograph.tl.api.InputPeerChannel;
import io.heliograph.tl.api.InputPeerEmpty;
import io.heliograph.tl.api.InputUser;
import io.heliograph.tl.api.Message;
import io.heliograph.tl.api.MessagesAffectedMessages;
import io.heliograph.tl.api.MessagesChannelMessages;
import io.heliograph.tl.api.MessagesGetDialogs;
import io.heliograph.tl.api.MessagesGetHistory;
import io.heliograph.tl.api.MessagesGetPeerDialogs;
import io.heliograph.tl.api.MessagesPeerDialogs;
import io.heliograph.tl.api.MessagesSendMessage;
import io.heliograph.tl.api.PeerChannel;
import io.heliograph.tl.api.PeerUser;
import io.heliograph.tl.api.TMessagesDialogs;
import io.heliograph.tl.api.TUpdatesChannelDifference;
import io.heliograph.tl.api.UpdateMessageID;
import io.heliograph.tl.api.UpdateNewChannelMessage;
import io.heliograph.tl.api.Updates;
import io.heliograph.tl.api.UpdatesChannelDifference;
import io.heliograph.tl.api.UpdatesChannelDifferenceEmpty;
import io.heliograph.tl.api.UpdatesChannelDifferenceTooLong;
import io.heliograph.tl.api.UpdatesGetChannelDifference;
import io.heliograph.tl.api.User;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Channels and supergroups through the whole platform with our own client: one box per channel written by its
 * partition's owner, posts pushed once per interested gateway instance and expanded there to the online members
 * (not to others), offline members catching up with {@code updates.getChannelDifference}, admin rights for posting,
 * {@code random_id} idempotence, deletions, participants and dialogs.
 */
@ExtendWith(E2ePlatform.class)
class ChannelsIT {

    @Test
    void aBroadcastChannelReachesItsOnlineMembersOnBothGatewaysAndOfflineMembersCatchUp() throws Exception {
        LinkedBlockingQueue<TlObject> bobPushed = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<TlObject> carolPushed = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<TlObject> evePushed = new LinkedBlockingQueue<>();
        Accounts.Device alice = Accounts.signUp(1, 0, "Alice", null);
        Accounts.Device bob = Accounts.signUp(1, 1, "Bob", Accounts.options(1, 1).pushListener((c, o) -> bobPushed.add(o)));
        Accounts.Device carol = Accounts.signUp(1, 0, "Carol", Accounts.options(1, 0).pushListener((c, o) -> carolPushed.add(o)));
        Accounts.Device dave = Accounts.signUp(1, 1, "Dave", null);
        Accounts.Device eve = Accounts.signUp(1, 1, "Eve", Accounts.options(1, 1).pushListener((c, o) -> evePushed.add(o)));
        MtprotoClient daveAgain = null;
        try {
            Updates created = call(alice.client(), ChannelsCreateChannel.builder().broadcast(true).title("News")
                    .about("the news").build());
            Channel news = channel(created);
            assertThat(news.id()).isBetween(1L << 20, (1L << 31) - 1);
            assertThat(news.broadcast()).isTrue();
            assertThat(news.creator()).isTrue();
            InputChannel in = new InputChannel(news.id(), news.accessHash());
            InputPeerChannel peer = new InputPeerChannel(news.id(), news.accessHash());

            // a wrong access hash is refused; members join with the right one
            assertThat(error(bob.client(), new ChannelsJoinChannel(new InputChannel(news.id(), news.accessHash() ^ 1))))
                    .isEqualTo("CHANNEL_INVALID");
            for (Accounts.Device d : List.of(bob, carol, dave)) {
                call(d.client(), new ChannelsJoinChannel(in));
            }
            assertThat(error(bob.client(), new ChannelsJoinChannel(in))).isEqualTo("USER_ALREADY_PARTICIPANT");
            // dave learns the channel's pts from his dialog, then goes offline
            MessagesPeerDialogs daveDialogs = call(dave.client(), new MessagesGetPeerDialogs(List.of(new InputDialogPeer(peer))));
            int davePts = ((Dialog) daveDialogs.dialogs().get(0)).pts();
            assertThat(daveDialogs.chats()).anySatisfy(c -> assertThat(((Channel) c).id()).isEqualTo(news.id()));
            dave.close();
            Thread.sleep(1500); // interest and presence travel through Kafka, as the gateways publish them

            // alice posts: bob (gateway 1) and carol (gateway 0) get it pushed; eve, not a member, does not
            long randomId = ThreadLocalRandom.current().nextLong();
            Updates sent = call(alice.client(), post(peer, "first post", randomId));
            UpdateMessageID idUpdate = (UpdateMessageID) sent.updates().stream().filter(UpdateMessageID.class::isInstance)
                    .findFirst().orElseThrow();
            assertThat(idUpdate.randomId()).isEqualTo(randomId);
            UpdateNewChannelMessage own = (UpdateNewChannelMessage) sent.updates().stream()
                    .filter(UpdateNewChannelMessage.class::isInstance).findFirst().orElseThrow();
            assertThat(own.pts()).isEqualTo(davePts + 1);
            // the same random_id again: the same post, stored once
            Updates again = call(alice.client(), post(peer, "first post", randomId));
            assertThat(again.updates()).filteredOn(UpdateMessageID.class::isInstance)
                    .singleElement().satisfies(u -> assertThat(((UpdateMessageID) u).id()).isEqualTo(idUpdate.id()));

            for (LinkedBlockingQueue<TlObject> q : List.of(bobPushed, carolPushed)) {
                Updates pushed = awaitPost(q, "first post");
                assertThat(pushed.chats()).anySatisfy(c -> assertThat(((Channel) c).id()).isEqualTo(news.id()));
            }
            Thread.sleep(1000);
            assertThat(evePushed).noneMatch(o -> o instanceof Updates u && u.updates().stream()
                    .anyMatch(UpdateNewChannelMessage.class::isInstance));

            // bob, a member but no admin, may not post in a broadcast channel until alice lets him
            assertThat(error(bob.client(), post(peer, "me too", 7))).isEqualTo("CHAT_ADMIN_REQUIRED");
            assertThat(error(eve.client(), post(peer, "me too", 8))).isEqualTo("CHAT_WRITE_FORBIDDEN");
            User bobForAlice = resolve(alice.client(), bob.user().phone());
            call(alice.client(), new ChannelsEditAdmin(in, new InputUser(bob.id(), bobForAlice.accessHash()),
                    postRight(), null));
            Updates bobPost = call(bob.client(), post(peer, "second post", ThreadLocalRandom.current().nextLong()));
            int secondId = ((UpdateMessageID) bobPost.updates().get(0)).id();
            awaitPost(carolPushed, "second post");

            // participants: everyone recent (creator only sees them in a broadcast channel), and the admins
            ChannelsChannelParticipants all = call(alice.client(), new ChannelsGetParticipants(in, new ChannelParticipantsRecent(), 0, 100, 0));
            assertThat(all.count()).isEqualTo(4);
            ChannelsChannelParticipants admins = call(alice.client(), new ChannelsGetParticipants(in, new ChannelParticipantsAdmins(), 0, 100, 0));
            assertThat(admins.count()).isEqualTo(2);
            assertThat(error(carol.client(), new ChannelsGetParticipants(in, new ChannelParticipantsRecent(), 0, 100, 0)))
                    .isEqualTo("CHAT_ADMIN_REQUIRED");

            // dave comes back on a new connection: the difference from his pts has both posts; with limit 1, too long
            daveAgain = MtprotoClient.connect(Accounts.options(1, 1).build()).get(30, TimeUnit.SECONDS);
            Accounts.login(daveAgain, dave.user().phone(), 1, "Dave");
            TUpdatesChannelDifference diff = call(daveAgain, new UpdatesGetChannelDifference(false, in,
                    new ChannelMessagesFilterEmpty(), davePts, 100));
            UpdatesChannelDifference d = (UpdatesChannelDifference) diff;
            assertThat(d.final_()).isTrue();
            assertThat(d.timeout()).isNotNull();
            assertThat(d.newMessages()).extracting(m -> ((Message) m).message()).containsExactly("first post", "second post");
            assertThat(d.pts()).isEqualTo(davePts + 2);
            TUpdatesChannelDifference empty = call(daveAgain, new UpdatesGetChannelDifference(false, in,
                    new ChannelMessagesFilterEmpty(), d.pts(), 100));
            assertThat(empty).isInstanceOf(UpdatesChannelDifferenceEmpty.class);
            UpdatesChannelDifferenceTooLong tooLong = call(daveAgain, new UpdatesGetChannelDifference(false, in,
                    new ChannelMessagesFilterEmpty(), davePts, 1));
            assertThat(((Dialog) tooLong.dialog()).pts()).isEqualTo(d.pts());
            assertThat(tooLong.messages()).isNotEmpty();
            assertThat(error(eve.client(), new UpdatesGetChannelDifference(false, in, new ChannelMessagesFilterEmpty(), 1, 10)))
                    .isEqualTo("CHANNEL_PRIVATE");

            // alice deletes the first post; history and getMessages no longer show it
            MessagesAffectedMessages deleted = call(alice.client(), new ChannelsDeleteMessages(in, List.of(idUpdate.id())));
            assertThat(deleted.ptsCount()).isEqualTo(1);
            MessagesChannelMessages history = call(carol.client(), new MessagesGetHistory(peer, 0, 0, 0, 20, 0, 0, 0));
            assertThat(history.messages()).extracting(m -> m instanceof Message msg ? msg.message() : "service")
                    .containsExactly("second post", "service");
            MessagesChannelMessages byId = call(carol.client(), new ChannelsGetMessages(in,
                    List.of(new InputMessageID(idUpdate.id()), new InputMessageID(secondId))));
            assertThat(byId.messages()).hasSize(1);
            assertThat((Boolean) call(carol.client(), new ChannelsReadHistory(in, secondId))).isTrue();

            // dialogs list the channel, with the Channel in chats
            TMessagesDialogs dialogs = call(bob.client(), MessagesGetDialogs.builder().offsetPeer(new InputPeerEmpty()).limit(20).build());
            assertThat(((io.heliograph.tl.api.MessagesDialogs) dialogs).dialogs())
                    .anySatisfy(x -> assertThat(((Dialog) x).peer()).isEqualTo(new PeerChannel(news.id())));
            assertThat(((io.heliograph.tl.api.MessagesDialogs) dialogs).chats())
                    .anySatisfy(c -> assertThat(((Channel) c).id()).isEqualTo(news.id()));

            // carol leaves: no more reading
            call(carol.client(), new ChannelsLeaveChannel(in));
            assertThat(error(carol.client(), new MessagesGetHistory(peer, 0, 0, 0, 20, 0, 0, 0))).isEqualTo("CHANNEL_PRIVATE");
        } finally {
            alice.close();
            bob.close();
            carol.close();
            eve.close();
            if (daveAgain != null) {
                daveAgain.close().get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void membersWriteInAMegagroupAndDeleteOnlyTheirOwnMessages() throws Exception {
        Accounts.Device alice = Accounts.signUp(1, 0, "Alice", null);
        LinkedBlockingQueue<TlObject> bobPushed = new LinkedBlockingQueue<>();
        Accounts.Device bob = Accounts.signUp(1, 1, "Bob", Accounts.options(1, 1).pushListener((c, o) -> bobPushed.add(o)));
        Accounts.Device carol = Accounts.signUp(1, 0, "Carol", null);
        try {
            Channel group = channel(call(alice.client(), ChannelsCreateChannel.builder().megagroup(true).title("Friends")
                    .about("").build()));
            assertThat(group.megagroup()).isTrue();
            InputChannel in = new InputChannel(group.id(), group.accessHash());
            InputPeerChannel peer = new InputPeerChannel(group.id(), group.accessHash());
            User bobForAlice = resolve(alice.client(), bob.user().phone());
            call(alice.client(), new ChannelsInviteToChannel(in, List.of(new InputUser(bob.id(), bobForAlice.accessHash()))));
            Thread.sleep(1500); // bob's gateway learns the membership from his updateChannel and declares interest

            Updates sent = call(bob.client(), post(peer, "hi all", ThreadLocalRandom.current().nextLong()));
            int bobMessage = ((UpdateMessageID) sent.updates().get(0)).id();
            Updates aliceSent = call(alice.client(), post(peer, "welcome", ThreadLocalRandom.current().nextLong()));
            int aliceMessage = ((UpdateMessageID) aliceSent.updates().get(0)).id();
            Updates pushed = awaitPost(bobPushed, "welcome");
            Message welcome = (Message) ((UpdateNewChannelMessage) pushed.updates().get(0)).message();
            assertThat(welcome.fromId()).isEqualTo(new PeerUser(alice.id()));

            assertThat(error(carol.client(), post(peer, "let me in", 9))).isEqualTo("CHAT_WRITE_FORBIDDEN");
            assertThat(error(bob.client(), new ChannelsDeleteMessages(in, List.of(aliceMessage))))
                    .isEqualTo("MESSAGE_DELETE_FORBIDDEN");
            MessagesAffectedMessages own = call(bob.client(), new ChannelsDeleteMessages(in, List.of(bobMessage)));
            assertThat(own.ptsCount()).isEqualTo(1);
            MessagesChannelMessages history = call(alice.client(), new MessagesGetHistory(peer, 0, 0, 0, 20, 0, 0, 0));
            assertThat(history.messages()).extracting(m -> m instanceof Message msg ? msg.message() : "service")
                    .containsExactly("welcome", "service");
            ChannelsChannelParticipants members = call(bob.client(), new ChannelsGetParticipants(in, new ChannelParticipantsRecent(), 0, 100, 0));
            assertThat(members.count()).isEqualTo(2);
        } finally {
            alice.close();
            bob.close();
            carol.close();
        }
    }

    private static MessagesSendMessage post(InputPeerChannel peer, String text, long randomId) {
        return MessagesSendMessage.builder().peer(peer).message(text).randomId(randomId).build();
    }

    private static ChatAdminRights postRight() {
        return new ChatAdminRights(false, true, false, false, false, false, false, false, false, false, false, false,
                false, false, false, false, false, false);
    }

    private static Channel channel(Updates updates) {
        return updates.chats().stream().filter(Channel.class::isInstance).map(Channel.class::cast).findFirst().orElseThrow();
    }

    static Updates awaitPost(LinkedBlockingQueue<TlObject> pushed, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            TlObject o = pushed.poll(500, TimeUnit.MILLISECONDS);
            if (o instanceof Updates u && u.updates().stream().anyMatch(x -> x instanceof UpdateNewChannelMessage n
                    && n.message() instanceof Message m && m.message().equals(text))) {
                return u;
            }
        }
        throw new AssertionError("no updateNewChannelMessage \"" + text + "\" pushed within 20 s");
    }
}
