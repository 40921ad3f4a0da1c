package io.heliograph.e2e;

import static io.heliograph.e2e.PrivateMessagesIT.awaitDifference;
import static io.heliograph.e2e.PrivateMessagesIT.call;
import static io.heliograph.e2e.PrivateMessagesIT.error;
import static io.heliograph.e2e.PrivateMessagesIT.first;
import static io.heliograph.e2e.PrivateMessagesIT.has;
import static io.heliograph.e2e.PrivateMessagesIT.pts;
import static io.heliograph.e2e.PrivateMessagesIT.resolve;
import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.tl.TlObject;
import io.heliograph.tl.api.Chat;
import io.heliograph.tl.api.ChatForbidden;
import io.heliograph.tl.api.InputPeerChat;
import io.heliograph.tl.api.InputPeerEmpty;
import io.heliograph.tl.api.InputUser;
import io.heliograph.tl.api.InputUserSelf;
import io.heliograph.tl.api.Message;
import io.heliograph.tl.api.MessageActionChatAddUser;
import io.heliograph.tl.api.MessageActionChatCreate;
import io.heliograph.tl.api.MessageActionChatDeleteUser;
import io.heliograph.tl.api.MessageService;
import io.heliograph.tl.api.MessagesAddChatUser;
import io.heliograph.tl.api.MessagesChatFull;
import io.heliograph.tl.api.MessagesCreateChat;
import io.heliograph.tl.api.MessagesDeleteChatUser;
import io.heliograph.tl.api.MessagesDeleteMessages;
import io.heliograph.tl.api.MessagesDialogs;
import io.heliograph.tl.api.MessagesGetDialogs;
import io.heliograph.tl.api.MessagesGetFullChat;
import io.heliograph.tl.api.MessagesGetHistory;
import io.heliograph.tl.api.MessagesInvitedUsers;
import io.heliograph.tl.api.MessagesMessages;
import io.heliograph.tl.api.MessagesReadHistory;
import io.heliograph.tl.api.MessagesSendMessage;
import io.heliograph.tl.api.PeerChat;
import io.heliograph.tl.api.PeerUser;
import io.heliograph.tl.api.UpdateDeleteMessages;
import io.heliograph.tl.api.UpdateNewMessage;
import io.heliograph.tl.api.UpdateReadHistoryOutbox;
import io.heliograph.tl.api.UpdateShortSentMessage;
import io.heliograph.tl.api.Updates;
import io.heliograph.tl.api.UpdateShort;
import io.heliograph.tl.api.UpdateChatUserTyping;
import io.heliograph.tl.api.MessagesSetTyping;
import io.heliograph.tl.api.SendMessageTypingAction;
import io.heliograph.tl.api.UpdatesDifference;
import io.heliograph.tl.api.UpdatesGetState;
import io.heliograph.tl.api.UpdatesState;
import io.heliograph.tl.api.User;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Basic groups through the whole platform: a group is created with two members, its messages reach every member's
 * box (pushed to the online one, synced by the offline one), membership changes reach everyone as service messages,
 * a member who left stops getting messages, and deletions for everyone remove every member's copy.
 */
@ExtendWith(E2ePlatform.class)
class BasicGroupsIT {

    @Test
    void aGroupsMessagesAndMembershipReachEveryMembersBox() throws Exception {
        Accounts.Device alice = Accounts.signUp(2, 0, "Alice", null);
        LinkedBlockingQueue<TlObject> bobPushed = new LinkedBlockingQueue<>();
        Accounts.Device bob = Accounts.signUp(2, 1, "Bob", Accounts.options(2, 1).pushListener((c, o) -> bobPushed.add(o)));
        Accounts.Device dave = Accounts.signUp(2, 0, "Dave", null);
        Accounts.Device erin = Accounts.signUp(2, 1, "Erin", null);
        try {
            User bobForAlice = resolve(alice.client(), bob.user().phone());
            User daveForAlice = resolve(alice.client(), dave.user().phone());
            User erinForBob = resolve(bob.client(), erin.user().phone());
            UpdatesState daveStart = call(dave.client(), new UpdatesGetState());
            UpdatesState erinStart = call(erin.client(), new UpdatesGetState());

            MessagesInvitedUsers created = call(alice.client(), new MessagesCreateChat(List.of(
                    new InputUser(bob.id(), bobForAlice.accessHash()), new InputUser(dave.id(), daveForAlice.accessHash())),
                    "Heliograph team", null));
            Updates createdUpdates = (Updates) created.updates();
            Chat chat = (Chat) createdUpdates.chats().get(0);
            assertThat(chat.title()).isEqualTo("Heliograph team");
            assertThat(chat.participantsCount()).isEqualTo(3);
            assertThat(chat.creator()).isTrue();
            MessageService createdAtAlice = (MessageService) ((UpdateNewMessage) createdUpdates.updates().get(0)).message();
            assertThat(createdAtAlice.action()).isInstanceOf(MessageActionChatCreate.class);
            assertThat(createdAtAlice.out()).isTrue();

            // bob is online: the creation is pushed to him as a service message in the group
            UpdateNewMessage created4Bob = awaitPushed(bobPushed, MessageService.class);
            assertThat(((MessageService) created4Bob.message()).peerId()).isEqualTo(new PeerChat(chat.id()));

            // alice writes in the group: bob gets it pushed, dave syncs it
            InputPeerChat group = new InputPeerChat(chat.id());
            UpdateShortSentMessage sent = call(alice.client(), MessagesSendMessage.builder().peer(group).message("hello team")
                    .randomId(ThreadLocalRandom.current().nextLong()).build());
            Message atBob = (Message) awaitPushed(bobPushed, Message.class).message();
            assertThat(atBob.message()).isEqualTo("hello team");
            assertThat(atBob.peerId()).isEqualTo(new PeerChat(chat.id()));
            assertThat(atBob.fromId()).isEqualTo(new PeerUser(alice.id()));
            UpdatesDifference daveDiff = awaitDifference(dave.client(), daveStart.pts(),
                    d -> d.newMessages().stream().anyMatch(m -> m instanceof Message));
            assertThat(daveDiff.newMessages()).hasSize(2); // the creation, then the message
            assertThat(daveDiff.chats()).anySatisfy(c -> assertThat(((Chat) c).id()).isEqualTo(chat.id()));

            // alice types in the group: bob sees it
            call(alice.client(), new MessagesSetTyping(group, null, new SendMessageTypingAction()));
            awaitTyping(bobPushed, chat.id(), alice.id());

            // bob reads: alice learns it in her own ids
            call(bob.client(), new MessagesReadHistory(group, atBob.id()));
            UpdatesDifference aliceRead = awaitDifference(alice.client(), sent.pts(), d -> has(d, UpdateReadHistoryOutbox.class));
            assertThat(first(aliceRead, UpdateReadHistoryOutbox.class).maxId()).isEqualTo(sent.id());
            assertThat(first(aliceRead, UpdateReadHistoryOutbox.class).peer()).isEqualTo(new PeerChat(chat.id()));

            // bob adds erin: every member (and erin) gets the service message; erin then gets the group's messages
            MessagesInvitedUsers added = call(bob.client(), new MessagesAddChatUser(chat.id(),
                    new InputUser(erin.id(), erinForBob.accessHash()), 100));
            assertThat(((Chat) ((Updates) added.updates()).chats().get(0)).participantsCount()).isEqualTo(4);
            UpdatesDifference erinDiff = awaitDifference(erin.client(), erinStart.pts(), d -> !d.newMessages().isEmpty());
            MessageService join = (MessageService) erinDiff.newMessages().get(0);
            assertThat(((MessageActionChatAddUser) join.action()).users()).containsExactly(erin.id());
            assertThat(join.fromId()).isEqualTo(new PeerUser(bob.id()));
            MessagesChatFull full = call(erin.client(), new MessagesGetFullChat(chat.id()));
            assertThat(full.users()).hasSize(4);
            call(alice.client(), MessagesSendMessage.builder().peer(group).message("welcome erin")
                    .randomId(ThreadLocalRandom.current().nextLong()).build());
            UpdatesDifference erinGot = awaitDifference(erin.client(), pts(erinDiff),
                    d -> d.newMessages().stream().anyMatch(m -> m instanceof Message msg && msg.message().equals("welcome erin")));
            Message welcome = (Message) erinGot.newMessages().stream().filter(m -> m instanceof Message).findFirst().orElseThrow();

            // dave leaves: he gets the service message and the group shows as left; later messages do not reach him
            call(dave.client(), new MessagesDeleteChatUser(false, chat.id(), new InputUserSelf()));
            UpdatesDifference left = awaitDifference(dave.client(), pts(daveDiff), d -> d.newMessages().stream()
                    .anyMatch(m -> m instanceof MessageService s && s.action() instanceof MessageActionChatDeleteUser));
            assertThat(left.chats()).anySatisfy(c -> assertThat(c).isInstanceOf(ChatForbidden.class));
            assertThat(error(dave.client(), MessagesSendMessage.builder().peer(group).message("still here?").randomId(7).build()))
                    .isEqualTo("CHAT_WRITE_FORBIDDEN");

            // alice deletes "welcome erin" for everyone: erin's copy goes too
            UpdatesState erinBefore = call(erin.client(), new UpdatesGetState());
            call(alice.client(), new MessagesDeleteMessages(true, List.of(idOf(alice, group, "welcome erin"))));
            UpdatesDifference erinDeleted = awaitDifference(erin.client(), erinBefore.pts(), d -> has(d, UpdateDeleteMessages.class));
            assertThat(first(erinDeleted, UpdateDeleteMessages.class).messages()).containsExactly(welcome.id());

            // dialogs and history as members see them
            MessagesDialogs dialogs = (MessagesDialogs) call(bob.client(), MessagesGetDialogs.builder()
                    .offsetPeer(new InputPeerEmpty()).limit(20).build());
            assertThat(dialogs.chats()).anySatisfy(c -> assertThat(((Chat) c).id()).isEqualTo(chat.id()));
            MessagesMessages history = (MessagesMessages) call(bob.client(), new MessagesGetHistory(group, 0, 0, 0, 50, 0, 0, 0));
            assertThat(history.messages()).anySatisfy(m -> assertThat(m).isInstanceOf(MessageService.class));
            assertThat(history.chats()).hasSize(1);
        } finally {
            alice.close();
            bob.close();
            dave.close();
            erin.close();
        }
    }

    private static int idOf(Accounts.Device device, InputPeerChat group, String text) throws Exception {
        MessagesMessages history = (MessagesMessages) call(device.client(), new MessagesGetHistory(group, 0, 0, 0, 50, 0, 0, 0));
        return history.messages().stream().filter(m -> m instanceof Message msg && msg.message().equals(text))
                .map(m -> ((Message) m).id()).findFirst().orElseThrow();
    }

    private static void awaitTyping(LinkedBlockingQueue<TlObject> pushed, long chatId, long userId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            TlObject o = pushed.poll(500, TimeUnit.MILLISECONDS);
            if (o instanceof UpdateShort s && s.update() instanceof UpdateChatUserTyping t && t.chatId() == chatId
                    && t.fromId().equals(new PeerUser(userId))) {
                return;
            }
        }
        throw new AssertionError("no updateChatUserTyping pushed within 20 s");
    }

    private static UpdateNewMessage awaitPushed(LinkedBlockingQueue<TlObject> pushed, Class<?> messageType) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            TlObject o = pushed.poll(500, TimeUnit.MILLISECONDS);
            if (o instanceof Updates u) {
                for (var x : u.updates()) {
                    if (x instanceof UpdateNewMessage n && messageType.isInstance(n.message())) {
                        return n;
                    }
                }
            }
        }
        throw new AssertionError("no " + messageType.getSimpleName() + " pushed within 20 s");
    }
}
