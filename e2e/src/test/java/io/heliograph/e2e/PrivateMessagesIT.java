package io.heliograph.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.mtproto.client.MtprotoClient;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.tl.api.ContactsResolvePhone;
import io.heliograph.tl.api.ContactsResolvedPeer;
import io.heliograph.tl.api.InputPeerUser;
import io.heliograph.tl.api.InputReplyToMessage;
import io.heliograph.tl.api.Message;
import io.heliograph.tl.api.MessagesAffectedMessages;
import io.heliograph.tl.api.MessagesDeleteMessages;
import io.heliograph.tl.api.MessagesDialogs;
import io.heliograph.tl.api.MessagesEditMessage;
import io.heliograph.tl.api.MessagesForwardMessages;
import io.heliograph.tl.api.MessageFwdHeader;
import io.heliograph.tl.api.UpdateMessageID;
import io.heliograph.tl.api.MessagesGetDialogs;
import io.heliograph.tl.api.MessagesGetHistory;
import io.heliograph.tl.api.MessagesMessages;
import io.heliograph.tl.api.MessagesReadHistory;
import io.heliograph.tl.api.MessagesSendMessage;
import io.heliograph.tl.api.InputPeerEmpty;
import io.heliograph.tl.api.PeerUser;
import io.heliograph.tl.api.TMessagesMessages;
import io.heliograph.tl.api.TUpdate;
import io.heliograph.tl.api.TUpdatesDifference;
import io.heliograph.tl.api.UpdateDeleteMessages;
import io.heliograph.tl.api.UpdateEditMessage;
import io.heliograph.tl.api.UpdateReadHistoryOutbox;
import io.heliograph.tl.api.UpdateShortSentMessage;
import io.heliograph.tl.api.UpdatesDifference;
import io.heliograph.tl.api.UpdatesDifferenceEmpty;
import io.heliograph.tl.api.UpdatesGetDifference;
import io.heliograph.tl.api.UpdatesGetState;
import io.heliograph.tl.api.UpdatesState;
import io.heliograph.tl.api.Updates;
import io.heliograph.tl.api.UpdateNewMessage;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.api.User;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Private chats through the whole platform with our own client on real connections: send (idempotent by
 * {@code random_id}), the recipient's copy with its own ids and pts, read receipts, edits, deletions for both sides,
 * history and dialogs, and sync by {@code updates.getDifference}, within a DC and across DCs.
 */
@ExtendWith(E2ePlatform.class)
class PrivateMessagesIT {

    @Test
    void twoUsersOfOneDcAndOneOfAnotherExchangeEditReadAndDeleteMessages() throws Exception {
        Accounts.Device alice = Accounts.signUp(2, 0, "Alice", null);
        LinkedBlockingQueue<TlObject> bobPushed = new LinkedBlockingQueue<>();
        Accounts.Device bob = Accounts.signUp(2, 1, "Bob", Accounts.options(2, 1).pushListener((c, o) -> bobPushed.add(o)));
        Accounts.Device carol = Accounts.signUp(1, 0, "Carol", null);
        try {
            User bobForAlice = resolve(alice.client(), bob.user().phone());
            UpdatesState aliceStart = call(alice.client(), new UpdatesGetState());
            UpdatesState bobStart = call(bob.client(), new UpdatesGetState());

            long randomId = ThreadLocalRandom.current().nextLong();
            UpdateShortSentMessage sent = (UpdateShortSentMessage) call(alice.client(), send(bobForAlice, "hello bob", randomId, null));
            assertThat(sent.pts()).isEqualTo(aliceStart.pts() + 1);
            assertThat(sent.ptsCount()).isEqualTo(1);
            // the same random_id again (a client retrying after a lost answer): the same message, not a second
            UpdateShortSentMessage again = (UpdateShortSentMessage) call(alice.client(), send(bobForAlice, "hello bob", randomId, null));
            assertThat(again.id()).isEqualTo(sent.id());
            assertThat(again.pts()).isEqualTo(sent.pts());

            // bob is online (on the other gateway instance): the update is pushed to him at once
            Updates pushed = awaitPush(bobPushed);
            UpdateNewMessage pushedNew = (UpdateNewMessage) pushed.updates().get(0);
            assertThat(((Message) pushedNew.message()).message()).isEqualTo("hello bob");
            assertThat(pushedNew.pts()).isEqualTo(bobStart.pts() + 1);
            assertThat(pushed.users()).anySatisfy(u -> assertThat(((User) u).id()).isEqualTo(alice.id()));

            // bob's box gets its own copy: his own id and pts, incoming, from alice
            UpdatesDifference bobDiff = awaitDifference(bob.client(), bobStart.pts(), d -> !d.newMessages().isEmpty());
            assertThat(bobDiff.newMessages()).hasSize(1);
            Message got = (Message) bobDiff.newMessages().get(0);
            assertThat(got.message()).isEqualTo("hello bob");
            assertThat(got.out()).isFalse();
            assertThat(got.peerId()).isEqualTo(new PeerUser(alice.id()));
            assertThat(((UpdatesState) bobDiff.state()).pts()).isEqualTo(bobStart.pts() + 1);
            User aliceForBob = bobDiff.users().stream().map(u -> (User) u).filter(u -> u.id() == alice.id()).findFirst().orElseThrow();
            assertThat(aliceForBob.accessHash()).isNotNull();

            // bob answers with a reply to it; alice's copy of the reply points at her own message
            UpdateShortSentMessage reply = (UpdateShortSentMessage) call(bob.client(), send(aliceForBob, "hi alice", ThreadLocalRandom.current().nextLong(),
                    new InputReplyToMessage(got.id(), null, null, null, null, null, null, null, null)));
            UpdatesDifference aliceDiff = awaitDifference(alice.client(), sent.pts(), d -> !d.newMessages().isEmpty());
            Message replyAtAlice = (Message) aliceDiff.newMessages().get(0);
            assertThat(replyAtAlice.message()).isEqualTo("hi alice");
            assertThat(replyAtAlice.replyTo()).isNotNull();
            assertThat(((io.heliograph.tl.api.MessageReplyHeader) replyAtAlice.replyTo()).replyToMsgId()).isEqualTo(sent.id());

            // bob reads: alice learns her message was read, in her own ids
            MessagesAffectedMessages read = call(bob.client(), new MessagesReadHistory(new InputPeerUser(alice.id(), aliceForBob.accessHash()), reply.id()));
            assertThat(read.ptsCount()).isEqualTo(1);
            UpdatesDifference readDiff = awaitDifference(alice.client(), pts(aliceDiff), d -> has(d, UpdateReadHistoryOutbox.class));
            UpdateReadHistoryOutbox outbox = first(readDiff, UpdateReadHistoryOutbox.class);
            assertThat(outbox.maxId()).isEqualTo(sent.id());
            assertThat(outbox.peer()).isEqualTo(new PeerUser(bob.id()));

            // alice edits: bob's copy changes
            call(alice.client(), MessagesEditMessage.builder().peer(new InputPeerUser(bob.id(), bobForAlice.accessHash()))
                    .id(sent.id()).message("hello bob (edited)").build());
            UpdatesDifference editDiff = awaitDifference(bob.client(), read.pts(), d -> has(d, UpdateEditMessage.class));
            Message edited = (Message) first(editDiff, UpdateEditMessage.class).message();
            assertThat(edited.id()).isEqualTo(got.id());
            assertThat(edited.message()).isEqualTo("hello bob (edited)");
            assertThat(edited.editDate()).isNotNull();

            // history and dialogs as bob sees them
            TMessagesMessages history = call(bob.client(), new MessagesGetHistory(new InputPeerUser(alice.id(), aliceForBob.accessHash()), 0, 0, 0, 20, 0, 0, 0));
            List<String> texts = ((MessagesMessages) history).messages().stream().map(m -> ((Message) m).message()).toList();
            assertThat(texts).containsExactly("hi alice", "hello bob (edited)");
            MessagesDialogs dialogs = (MessagesDialogs) call(bob.client(), MessagesGetDialogs.builder().offsetPeer(new InputPeerEmpty()).limit(20).build());
            assertThat(dialogs.dialogs()).hasSize(1);

            // alice deletes her message for both: bob's copy goes too
            MessagesAffectedMessages deleted = call(alice.client(), new MessagesDeleteMessages(true, List.of(sent.id())));
            assertThat(deleted.ptsCount()).isEqualTo(1);
            int bobPts = pts(editDiff);
            UpdatesDifference deleteDiff = awaitDifference(bob.client(), bobPts, d -> has(d, UpdateDeleteMessages.class));
            assertThat(first(deleteDiff, UpdateDeleteMessages.class).messages()).containsExactly(got.id());
            TMessagesMessages after = call(bob.client(), new MessagesGetHistory(new InputPeerUser(alice.id(), aliceForBob.accessHash()), 0, 0, 0, 20, 0, 0, 0));
            assertThat(((MessagesMessages) after).messages()).hasSize(1);

            // across DCs: carol (DC 1) writes to alice (DC 2); it is stored and delivered in alice's DC
            User aliceForCarol = resolve(carol.client(), alice.user().phone());
            UpdatesState aliceNow = call(alice.client(), new UpdatesGetState());
            call(carol.client(), send(aliceForCarol, "from another DC", ThreadLocalRandom.current().nextLong(), null));
            UpdatesDifference cross = awaitDifference(alice.client(), aliceNow.pts(), d -> !d.newMessages().isEmpty());
            Message fromCarol = (Message) cross.newMessages().get(0);
            assertThat(fromCarol.message()).isEqualTo("from another DC");
            assertThat(fromCarol.peerId()).isEqualTo(new PeerUser(carol.id()));

            // alice forwards bob's reply to carol: carol's copy names bob as its author
            User carolForAlice = resolve(alice.client(), carol.user().phone());
            UpdatesState carolNow = call(carol.client(), new UpdatesGetState());
            long forwardRandom = ThreadLocalRandom.current().nextLong();
            Updates forwardedAtAlice = call(alice.client(), MessagesForwardMessages.builder()
                    .fromPeer(new InputPeerUser(bob.id(), bobForAlice.accessHash())).id(List.of(replyAtAlice.id()))
                    .randomId(List.of(forwardRandom)).toPeer(new InputPeerUser(carol.id(), carolForAlice.accessHash())).build());
            assertThat(forwardedAtAlice.updates()).anySatisfy(u -> assertThat(u).isInstanceOfSatisfying(UpdateMessageID.class,
                    m -> assertThat(m.randomId()).isEqualTo(forwardRandom)));
            UpdatesDifference atCarol = awaitDifference(carol.client(), carolNow.pts(), d -> !d.newMessages().isEmpty());
            Message forwarded = (Message) atCarol.newMessages().get(0);
            assertThat(forwarded.message()).isEqualTo("hi alice");
            assertThat(((MessageFwdHeader) forwarded.fwdFrom()).fromId()).isEqualTo(new PeerUser(bob.id()));
            assertThat(atCarol.users()).anySatisfy(u -> assertThat(((User) u).id()).isEqualTo(bob.id()));

            // nothing half-done on bad input: a wrong access hash and an empty message are refused, nothing is sent
            UpdatesState beforeBad = call(alice.client(), new UpdatesGetState());
            assertThat(error(alice.client(), send(new User0(bob.id(), bobForAlice.accessHash() ^ 1), "x", 5, null))).isEqualTo("PEER_ID_INVALID");
            assertThat(error(alice.client(), send(bobForAlice, "", 6, null))).isEqualTo("MESSAGE_EMPTY");
            assertThat(((UpdatesState) call(alice.client(), new UpdatesGetState())).pts()).isEqualTo(beforeBad.pts());
            TUpdatesDifference none = call(alice.client(), new UpdatesGetDifference(beforeBad.pts(), null, null, beforeBad.date(), 0, null));
            assertThat(none).isInstanceOf(UpdatesDifferenceEmpty.class);
        } finally {
            alice.close();
            bob.close();
            carol.close();
        }
    }

    @Test
    void aClientFarBehindCatchesUpInSlicesOrIsToldToRefetch() throws Exception {
        Accounts.Device sender = Accounts.signUp(1, 0, "Sender", null);
        Accounts.Device reader = Accounts.signUp(1, 0, "Reader", null);
        try {
            User readerForSender = resolve(sender.client(), reader.user().phone());
            UpdatesState start = call(reader.client(), new UpdatesGetState());
            int total = 130;
            for (int i = 0; i < total; i++) {
                sendPolitely(sender.client(), send(readerForSender, "m" + i, ThreadLocalRandom.current().nextLong(), null));
            }
            // the reader was away: it asks from its old pts and gets the messages in slices, in order, each once
            CaughtUp caughtUp = catchUp(reader.client(), start, total, 60);
            assertThat(caughtUp.slices()).isGreaterThanOrEqualTo(1);
            assertThat(caughtUp.texts()).containsExactlyElementsOf(numbered("m", total));
            assertThat(caughtUp.pts()).isEqualTo(start.pts() + total);
            // a client that allows only a few events is told to refetch its state instead
            TUpdatesDifference tooLong = call(reader.client(), new UpdatesGetDifference(start.pts(), null, 10, start.date(), 0, null));
            assertThat(tooLong).isInstanceOfSatisfying(io.heliograph.tl.api.UpdatesDifferenceTooLong.class,
                    t -> assertThat(t.pts()).isEqualTo(start.pts() + total));
        } finally {
            sender.close();
            reader.close();
        }
    }

    /**
     * A burst of sends pipelined without waiting, three of them repeated at once with the same {@code random_id} (a
     * client retrying): the box writer applies records polled together on top of each other and writes them as one
     * logged batch, so the repeats must be recognised from what the group staged, not from Cassandra. Each repeat
     * answers the message first made, the recipient gets every distinct message once and in order, and the
     * message-service's group summary shows the burst was written in fewer batches than records.
     */
    @Test
    void aBurstOfSendsWithRepeatsWrittenInGroupsIsStoredOnceEachAndInOrder() throws Exception {
        Accounts.Device sender = Accounts.signUp(1, 0, "Burst", null);
        Accounts.Device reader = Accounts.signUp(1, 0, "Reader", null);
        try {
            User readerForSender = resolve(sender.client(), reader.user().phone());
            UpdatesState start = call(reader.client(), new UpdatesGetState());
            String messageService = E2ePlatform.platform().serviceUrl("message-service-dc1") + "/actuator/prometheus";
            String before = E2ePlatform.get(messageService);
            int distinct = 16;
            List<Integer> order = new ArrayList<>();
            List<java.util.concurrent.CompletableFuture<io.heliograph.tl.api.TUpdates>> answers = new ArrayList<>();
            long[] randomIds = new long[distinct];
            for (int i = 0; i < distinct; i++) {
                randomIds[i] = ThreadLocalRandom.current().nextLong();
                int repeats = i % 4 == 3 ? 2 : 1;
                for (int k = 0; k < repeats; k++) {
                    order.add(i);
                    answers.add(sender.client().call(send(readerForSender, "burst " + i, randomIds[i], null)));
                }
            }
            int[] ids = new int[distinct];
            int lastId = 0;
            for (int n = 0; n < answers.size(); n++) {
                int id = ((UpdateShortSentMessage) answers.get(n).get(30, TimeUnit.SECONDS)).id();
                int i = order.get(n);
                if (ids[i] == 0) {
                    assertThat(id).as("message %d comes after the ones sent before it", i).isGreaterThan(lastId);
                    ids[i] = id;
                    lastId = id;
                } else {
                    assertThat(id).as("the repeated random_id of message %d", i).isEqualTo(ids[i]);
                }
            }
            CaughtUp caughtUp = catchUp(reader.client(), start, distinct, 30);
            assertThat(caughtUp.texts()).containsExactlyElementsOf(numbered("burst ", distinct));
            assertThat(caughtUp.pts()).isEqualTo(start.pts() + distinct);
            TMessagesMessages history = call(sender.client(), new MessagesGetHistory(
                    new InputPeerUser(reader.id(), readerForSender.accessHash()), 0, 0, 0, 50, 0, 0, 0));
            assertThat(((MessagesMessages) history).messages()).hasSize(distinct);
            String after = E2ePlatform.get(messageService);
            double groups = GatewayInstancesIT.gauge(after, "heliograph_message_group_records_count")
                    - GatewayInstancesIT.gauge(before, "heliograph_message_group_records_count");
            double records = GatewayInstancesIT.gauge(after, "heliograph_message_group_records_sum")
                    - GatewayInstancesIT.gauge(before, "heliograph_message_group_records_sum");
            // each distinct message writes the sender's box and the reader's: at least 2 records in written groups each
            assertThat(records).as("records written by the burst's batches").isGreaterThanOrEqualTo(2 * distinct);
            assertThat(groups).as("logged batches for %s records", records).isLessThan(records);
        } finally {
            sender.close();
            reader.close();
        }
    }

    /** The texts of the new messages a reader caught up on, in order; the pts it reached; the slices it was given. */
    record CaughtUp(List<String> texts, int pts, int slices) {
    }

    /**
     * Asks {@code updates.getDifference} from {@code start}, slice after slice, until {@code count} new messages came
     * or {@code seconds} passed (an empty difference: the box has not applied everything yet, so it asks again).
     */
    static CaughtUp catchUp(MtprotoClient client, UpdatesState start, int count, int seconds) throws Exception {
        List<String> seen = new ArrayList<>();
        int pts = start.pts();
        int slices = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (seen.size() < count && System.nanoTime() < deadline) {
            TUpdatesDifference d = call(client, new UpdatesGetDifference(pts, null, null, start.date(), 0, null));
            if (d instanceof io.heliograph.tl.api.UpdatesDifferenceSlice slice) {
                slices++;
                slice.newMessages().forEach(m -> seen.add(((Message) m).message()));
                pts = ((UpdatesState) slice.intermediateState()).pts();
            } else if (d instanceof UpdatesDifference full) {
                full.newMessages().forEach(m -> seen.add(((Message) m).message()));
                pts = ((UpdatesState) full.state()).pts();
            } else {
                Thread.sleep(100);
            }
        }
        return new CaughtUp(seen, pts, slices);
    }

    /** {@code prefix0, prefix1, …} up to {@code n - 1}. */
    static List<String> numbered(String prefix, int n) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            texts.add(prefix + i);
        }
        return texts;
    }

    /** Sends as a real client does: on {@code FLOOD_WAIT_X} it waits X seconds and sends the same call again. */
    static void sendPolitely(MtprotoClient client, MessagesSendMessage call) throws Exception {
        for (int attempt = 0; attempt < 30; attempt++) {
            try {
                client.call(call).get(30, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RpcException r && r.type().startsWith("FLOOD_WAIT_")) {
                    Thread.sleep(1000L * Integer.parseInt(r.type().substring("FLOOD_WAIT_".length())));
                } else {
                    throw e;
                }
            }
        }
        throw new AssertionError("still flood-limited after 30 attempts");
    }

    static Updates awaitPush(LinkedBlockingQueue<TlObject> pushed) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            TlObject o = pushed.poll(500, TimeUnit.MILLISECONDS);
            if (o instanceof Updates u && u.updates().stream().anyMatch(x -> x instanceof UpdateNewMessage)) {
                return u;
            }
        }
        throw new AssertionError("no updateNewMessage pushed within 20 s");
    }

    /** A user id and access hash, for naming a user with a hash of our choosing. */
    record User0(long id, long accessHash) {
    }

    private static MessagesSendMessage send(User to, String text, long randomId, InputReplyToMessage reply) {
        return send(new User0(to.id(), to.accessHash()), text, randomId, reply);
    }

    private static MessagesSendMessage send(User0 to, String text, long randomId, InputReplyToMessage reply) {
        return MessagesSendMessage.builder().peer(new InputPeerUser(to.id(), to.accessHash())).message(text)
                .randomId(randomId).replyTo(reply).build();
    }

    static User resolve(MtprotoClient client, String phone) throws Exception {
        ContactsResolvedPeer peer = (ContactsResolvedPeer) call(client, new ContactsResolvePhone(phone));
        return (User) peer.users().get(0);
    }

    static int pts(UpdatesDifference d) {
        return ((UpdatesState) d.state()).pts();
    }

    /** Asks for the difference from {@code pts} until it shows what the test waits for (applied asynchronously). */
    static UpdatesDifference awaitDifference(MtprotoClient client, int pts, Predicate<UpdatesDifference> wanted) throws Exception {
        TUpdatesDifference last = null;
        for (int i = 0; i < 100; i++) {
            last = call(client, new UpdatesGetDifference(pts, null, null, (int) (System.currentTimeMillis() / 1000), 0, null));
            if (last instanceof UpdatesDifference d && wanted.test(d)) {
                return d;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("difference from pts " + pts + " never showed what was expected; last: " + last);
    }

    static boolean has(UpdatesDifference d, Class<? extends TUpdate> type) {
        return d.otherUpdates().stream().anyMatch(type::isInstance);
    }

    static <T extends TUpdate> T first(UpdatesDifference d, Class<T> type) {
        return d.otherUpdates().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    /** Calls and waits; the answer is cast to what the caller expects (a wrong guess fails the test). */
    @SuppressWarnings("unchecked")
    static <T> T call(MtprotoClient client, io.heliograph.tl.TlFunction<?> fn) throws Exception {
        return (T) client.call(fn).get(30, TimeUnit.SECONDS);
    }

    static String error(MtprotoClient client, io.heliograph.tl.TlFunction<?> fn) {
        List<String> types = new ArrayList<>();
        assertThatThrownBy(() -> client.call(fn).join()).satisfies(e -> types.add(((RpcException) e.getCause()).type()));
        return types.get(0);
    }
}
