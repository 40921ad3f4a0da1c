package io.heliograph.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.mtproto.client.ClientOptions;
import io.heliograph.mtproto.client.ClientTransport;
import io.heliograph.mtproto.client.MtprotoClient;
import io.heliograph.mtproto.crypto.RsaKeys;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.api.InputPeerUser;
import io.heliograph.tl.api.Message;
import io.heliograph.tl.api.MessagesGetHistory;
import io.heliograph.tl.api.MessagesMessages;
import io.heliograph.tl.api.MessagesMessagesSlice;
import io.heliograph.tl.api.MessagesSendMessage;
import io.heliograph.tl.api.TMessage;
import io.heliograph.tl.api.TMessagesMessages;
import io.heliograph.tl.api.TUpdate;
import io.heliograph.tl.api.TUpdatesDifference;
import io.heliograph.tl.api.UpdateNewMessage;
import io.heliograph.tl.api.UpdateShort;
import io.heliograph.tl.api.UpdateShortSentMessage;
import io.heliograph.tl.api.Updates;
import io.heliograph.tl.api.UpdatesDifference;
import io.heliograph.tl.api.UpdatesDifferenceEmpty;
import io.heliograph.tl.api.UpdatesDifferenceSlice;
import io.heliograph.tl.api.UpdatesGetDifference;
import io.heliograph.tl.api.UpdatesGetState;
import io.heliograph.tl.api.UpdatesState;
import io.heliograph.tl.api.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The crash test of private messaging: one DC whose message-service and fanout-service run as their own processes
 * ({@code HELIOGRAPH_SEPARATE}); user A streams 10,000 messages to user B (online, pushes on), many in flight, each
 * send retried with its {@code random_id} until acknowledged. After about 3,000 acknowledgements both services are
 * killed with SIGKILL ({@code bin/heliograph kill}) and, a few seconds later, started again ({@code restart}). Every
 * message must then exist exactly once, in send order, in A's history, in B's history and in B's updates (pushed,
 * deduplicated by pts as a client does, plus {@code updates.getDifference}).
 */
class CrashRecoveryIT {

    private static final Path ROOT = Path.of(System.getProperty("heliograph.repo.root", "..")).toAbsolutePath().normalize();
    private static final String VAR = "var/e2e-crash";
    private static final int PORT_BASE = 40000;
    private static final int DC = 1;
    private static final int MESSAGES = Integer.getInteger("crash.messages", 10_000);
    private static final int IN_FLIGHT = 100;
    private static final int KILL_AFTER = MESSAGES * 3 / 10;
    private static final Duration DOWN_FOR = Duration.ofSeconds(5);
    private static final Duration STREAM_DEADLINE = Duration.ofMinutes(6);
    private static final String PREFIX = "crash #";
    /** Restarted, the services must be writing again soon: not after the dead group member's session timeout. */
    private static final Duration MAX_STALL_AFTER_READY = Duration.ofSeconds(15);
    private static final AtomicLong restartingAt = new AtomicLong();
    private static final AtomicLong readyAt = new AtomicLong();

    private static JsonNode endpoints;
    private static RSAPublicKey rsaKey;

    @BeforeAll
    static void startPlatform() throws Exception {
        run("stop"); // a previous run that died half-way
        StandaloneLifecycleIT.Result start = run("start");
        assertThat(start.exit()).as(start.output()).isZero();
        endpoints = JsonMapper.builder().build().readTree(Files.readString(ROOT.resolve(VAR).resolve("run/endpoints.json")));
        rsaKey = RsaKeys.parsePkcs1Pem(Files.readString(ROOT.resolve(endpoints.get("rsaPublicKeyPemPath").asString())));
        assertThat(Files.exists(ROOT.resolve(VAR).resolve("run/message-service-dc1.pid"))).isTrue();
        assertThat(Files.exists(ROOT.resolve(VAR).resolve("run/fanout-service-dc1.pid"))).isTrue();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        run("stop");
        new ProcessBuilder(ROOT.resolve("bin/infra").toString(), "--instance", "e2e", "wipe").directory(ROOT.toFile())
                .inheritIO().start().waitFor(5, TimeUnit.MINUTES);
    }

    record Ack(int id, int pts) {
    }

    @Test
    void everyAcknowledgedMessageIsDeliveredExactlyOnceAndInOrderAcrossASigkillOfMessageAndFanout() throws Exception {
        ConcurrentLinkedQueue<TlObject> pushedToB = new ConcurrentLinkedQueue<>();
        MtprotoClient aClient = connect(null);
        String aPhone = Accounts.testPhone(DC);
        User aUser = Accounts.login(aClient, aPhone, DC, "Sender");
        MtprotoClient bClientFirst = connect((c, o) -> pushedToB.add(o));
        String bPhone = Accounts.testPhone(DC);
        while (bPhone.equals(aPhone)) {
            bPhone = Accounts.testPhone(DC);
        }
        User bUser = Accounts.login(bClientFirst, bPhone, DC, "Receiver");
        AtomicReference<MtprotoClient> a = new AtomicReference<>(aClient);
        AtomicReference<MtprotoClient> b = new AtomicReference<>(bClientFirst);

        User bForA = PrivateMessagesIT.resolve(aClient, bPhone);
        User aForB = PrivateMessagesIT.resolve(bClientFirst, aPhone);
        UpdatesState aStart = PrivateMessagesIT.call(aClient, new UpdatesGetState());
        UpdatesState bStart = PrivateMessagesIT.call(bClientFirst, new UpdatesGetState());
        InputPeerUser toB = new InputPeerUser(bForA.id(), bForA.accessHash());

        // B keeps its connection: pings within the gateway's idle timeout, reconnects to its session if it is lost
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        timers.scheduleWithFixedDelay(() -> {
            keepAlive(a);
            keepAlive(b);
        }, 15, 15, TimeUnit.SECONDS);

        long[] randomIds = new long[MESSAGES];
        Set<Long> distinct = new HashSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            long r;
            do {
                r = ThreadLocalRandom.current().nextLong();
            } while (!distinct.add(r));
            randomIds[i] = r;
        }
        Map<Integer, Ack> acks = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> fatal = new ConcurrentLinkedQueue<>();
        Semaphore window = new Semaphore(IN_FLIGHT);
        CountDownLatch allAcked = new CountDownLatch(MESSAGES);
        AtomicBoolean killed = new AtomicBoolean();
        CompletableFuture<String> chaos = new CompletableFuture<>();
        AtomicInteger ackedCount = new AtomicInteger();
        AtomicLong firstAckAfterRestart = new AtomicLong();
        timers.scheduleWithFixedDelay(() -> System.out.printf("CRASH TEST: %d acknowledged, %d resends so far%n",
                ackedCount.get(), attempts.values().stream().mapToInt(n -> n.get() - 1).sum()), 20, 20, TimeUnit.SECONDS);

        long t0 = System.nanoTime();
        class Sender {
            void send(int seq) {
                attempts.computeIfAbsent(seq, s -> new AtomicInteger()).incrementAndGet();
                MessagesSendMessage call = MessagesSendMessage.builder().peer(toB).message(text(seq)).randomId(randomIds[seq]).build();
                CompletableFuture<?> f;
                try {
                    f = a.get().call(call);
                } catch (RuntimeException e) {
                    f = CompletableFuture.failedFuture(e);
                }
                f.whenComplete((result, error) -> {
                    if (error == null) {
                        UpdateShortSentMessage sent = (UpdateShortSentMessage) result;
                        Ack previous = acks.putIfAbsent(seq, new Ack(sent.id(), sent.pts()));
                        if (previous != null) {
                            fatal.add("message " + seq + " acknowledged twice: " + previous + " and " + sent.id());
                        }
                        long now = System.nanoTime();
                        if (restartingAt.get() != 0 && now > restartingAt.get()) {
                            firstAckAfterRestart.compareAndSet(0, now);
                        }
                        window.release();
                        allAcked.countDown();
                        if (ackedCount.incrementAndGet() == KILL_AFTER && killed.compareAndSet(false, true)) {
                            new Thread(() -> crashAndRestart(chaos), "chaos").start();
                        }
                        return;
                    }
                    Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
                    String kind = cause instanceof RpcException re ? re.code() + " " + re.type() : cause.getClass().getSimpleName();
                    failures.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                    if (cause instanceof RpcException re && re.code() >= 400 && re.code() < 500 && re.code() != 420) {
                        fatal.add("message " + seq + " refused: " + kind);
                        window.release();
                        allAcked.countDown();
                        return;
                    }
                    timers.schedule(() -> send(seq), 300, TimeUnit.MILLISECONDS); // the same random_id again
                });
            }
        }
        Sender sender = new Sender();
        for (int seq = 0; seq < MESSAGES; seq++) {
            window.acquire();
            sender.send(seq);
        }
        boolean finished = allAcked.await(STREAM_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(fatal).as("fatal send outcomes").isEmpty();
        assertThat(finished).as("all %d acknowledged within %s (acked %d)", MESSAGES, STREAM_DEADLINE, acks.size()).isTrue();
        String chaosLog = chaos.get(5, TimeUnit.MINUTES);
        int retried = (int) attempts.values().stream().filter(n -> n.get() > 1).count();
        int resends = attempts.values().stream().mapToInt(n -> n.get() - 1).sum();
        System.out.printf("%nCRASH TEST: %d messages acknowledged in %.1f s (%.0f msg/s), %d in flight%n", acks.size(),
                seconds, acks.size() / seconds, IN_FLIGHT);
        System.out.printf("CRASH TEST: %d messages retried, %d resends in all; failures seen: %s%n", retried, resends, failures);
        System.out.println("CRASH TEST: " + chaosLog);
        double stall = Math.max(0, firstAckAfterRestart.get() - readyAt.get()) / 1e9;
        System.out.printf("CRASH TEST: first acknowledgement %.1f s after both services were ready again%n", stall);
        assertThat(firstAckAfterRestart.get()).as("an acknowledgement after the restart").isNotZero();
        assertThat(stall).as("seconds from ready to writing again").isLessThan(MAX_STALL_AFTER_READY.toSeconds());

        // A: one message id and one pts per random_id, both rising in send order
        assertThat(acks).hasSize(MESSAGES);
        for (int seq = 1; seq < MESSAGES; seq++) {
            assertThat(acks.get(seq).id()).as("A's id of message %d after %d", seq, seq - 1).isGreaterThan(acks.get(seq - 1).id());
            assertThat(acks.get(seq).pts()).as("A's pts of message %d", seq).isGreaterThan(acks.get(seq - 1).pts());
        }
        assertThat(acks.get(MESSAGES - 1).pts()).as("A's pts: one per message").isEqualTo(aStart.pts() + MESSAGES);
        // a send repeated now (long after its first answer) returns the same message, and creates none
        List<Integer> again = new ArrayList<>();
        attempts.forEach((seq, n) -> {
            if (n.get() > 1 && again.size() < 200) {
                again.add(seq);
            }
        });
        for (int i = 0; i < 50; i++) {
            again.add(ThreadLocalRandom.current().nextInt(MESSAGES));
        }
        for (int seq : again) {
            UpdateShortSentMessage repeat = (UpdateShortSentMessage) PrivateMessagesIT.call(a.get(),
                    MessagesSendMessage.builder().peer(toB).message(text(seq)).randomId(randomIds[seq]).build());
            assertThat(repeat.id()).as("repeated send of message %d", seq).isEqualTo(acks.get(seq).id());
        }
        UpdatesState aEnd = PrivateMessagesIT.call(a.get(), new UpdatesGetState());
        assertThat(aEnd.pts()).as("A's pts after the repeats").isEqualTo(aStart.pts() + MESSAGES);

        List<Message> aHistory = history(a.get(), toB);
        assertInOrder("A's history", aHistory);
        for (int seq = 0; seq < MESSAGES; seq++) {
            assertThat(aHistory.get(seq).id()).as("A's history: id of message %d", seq).isEqualTo(acks.get(seq).id());
            assertThat(aHistory.get(seq).out()).isTrue();
        }

        // B's durable log (getDifference from B's first pts) and history
        List<Message> bDifference = difference(b.get(), bStart);
        assertInOrder("B's getDifference", bDifference);
        List<Message> bHistory = history(b.get(), new InputPeerUser(aForB.id(), aForB.accessHash()));
        assertInOrder("B's history", bHistory);
        for (int seq = 0; seq < MESSAGES; seq++) {
            assertThat(bHistory.get(seq).id()).as("B's history vs difference, message %d", seq).isEqualTo(bDifference.get(seq).id());
            assertThat(bHistory.get(seq).out()).isFalse();
        }

        // B's pushes, as a client applies them: by pts, each once; what a gap left out comes from getDifference
        awaitPushes(pushedToB, bStart.pts() + MESSAGES, Duration.ofSeconds(60));
        PushStats push = pushes(pushedToB);
        Map<Integer, Message> byPts = push.byPts();
        for (Map.Entry<Integer, Message> e : byPts.entrySet()) {
            assertThat(e.getKey()).as("pushed pts").isBetween(bStart.pts() + 1, bStart.pts() + MESSAGES);
        }
        Map<Integer, Message> bById = new TreeMap<>();
        for (Message m : bDifference) {
            bById.put(m.id(), m);
        }
        for (Message m : byPts.values()) {
            Message stored = bById.get(m.id());
            assertThat(stored).as("pushed message %d is in B's log", m.id()).isNotNull();
            assertThat(m.message()).as("pushed message %d", m.id()).isEqualTo(stored.message());
        }
        Map<Integer, Message> union = new TreeMap<>(bById);
        byPts.values().forEach(m -> union.putIfAbsent(m.id(), m));
        assertInOrder("B's updates (pushed, deduplicated by pts, plus getDifference)", new ArrayList<>(union.values()));
        System.out.printf("CRASH TEST: B was pushed %d updateNewMessage (%d distinct pts, %d repeated pts dropped as a client does, "
                + "%d arrived after a higher pts); getDifference from pts %d filled %d%n", push.raw(), byPts.size(),
                push.raw() - byPts.size(), push.late(), bStart.pts(), MESSAGES - byPts.size());
        System.out.printf("CRASH TEST: A history %d, B history %d, B difference %d: each exactly once, in send order%n",
                aHistory.size(), bHistory.size(), bDifference.size());
        timers.shutdownNow();
        a.get().close();
        b.get().close();
    }

    private static String text(int seq) {
        return PREFIX + String.format("%05d", seq);
    }

    private static int seqOf(Message m) {
        assertThat(m.message()).startsWith(PREFIX);
        return Integer.parseInt(m.message().substring(PREFIX.length()));
    }

    /** Exactly the messages 0..N-1, each once, in send order, with rising ids. */
    private static void assertInOrder(String what, List<Message> messages) {
        List<Integer> seqs = messages.stream().map(CrashRecoveryIT::seqOf).toList();
        Set<Integer> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!ids.add(messages.get(i).id())) {
                problems.add("duplicate id " + messages.get(i).id());
            }
            if (i > 0 && seqs.get(i) <= seqs.get(i - 1)) {
                problems.add("at " + i + ": message " + seqs.get(i) + " after " + seqs.get(i - 1));
            }
            if (problems.size() > 20) {
                break;
            }
        }
        assertThat(problems).as(what + ": duplicates or order").isEmpty();
        assertThat(messages).as(what + ": count").hasSize(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(seqs.get(i)).as(what + ": position " + i).isEqualTo(i);
        }
    }

    /** A dialog's whole history, oldest first, paged as a client pages it. */
    private static List<Message> history(MtprotoClient client, InputPeerUser peer) throws Exception {
        List<Message> newestFirst = new ArrayList<>();
        int offsetId = 0;
        while (true) {
            TMessagesMessages page = PrivateMessagesIT.call(client, new MessagesGetHistory(peer, offsetId, 0, 0, 100, 0, 0, 0));
            List<TMessage> got = page instanceof MessagesMessagesSlice s ? s.messages() : ((MessagesMessages) page).messages();
            if (got.isEmpty()) {
                break;
            }
            got.forEach(m -> newestFirst.add((Message) m));
            offsetId = ((Message) got.get(got.size() - 1)).id();
            if (newestFirst.size() > MESSAGES * 2) {
                break;
            }
        }
        List<Message> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** Every new message since {@code from}, slice after slice. */
    private static List<Message> difference(MtprotoClient client, UpdatesState from) throws Exception {
        List<Message> all = new ArrayList<>();
        int pts = from.pts();
        for (int guard = 0; guard < 1000; guard++) {
            TUpdatesDifference d = PrivateMessagesIT.call(client, new UpdatesGetDifference(pts, null, null, from.date(), 0, null));
            if (d instanceof UpdatesDifferenceEmpty) {
                return all;
            }
            if (d instanceof UpdatesDifferenceSlice s) {
                s.newMessages().forEach(m -> all.add((Message) m));
                pts = ((UpdatesState) s.intermediateState()).pts();
            } else if (d instanceof UpdatesDifference full) {
                full.newMessages().forEach(m -> all.add((Message) m));
                return all;
            } else {
                throw new AssertionError("unexpected difference from pts " + pts + ": " + d);
            }
        }
        throw new AssertionError("difference did not end");
    }

    record PushStats(Map<Integer, Message> byPts, int raw, int late) {
    }

    private static List<UpdateNewMessage> newMessages(TlObject pushed) {
        List<TUpdate> updates = pushed instanceof Updates u ? u.updates()
                : pushed instanceof UpdateShort s ? List.of(s.update()) : List.of();
        return updates.stream().filter(UpdateNewMessage.class::isInstance).map(UpdateNewMessage.class::cast).toList();
    }

    private static PushStats pushes(ConcurrentLinkedQueue<TlObject> pushed) {
        Map<Integer, Message> byPts = new LinkedHashMap<>();
        int raw = 0;
        int late = 0;
        int max = 0;
        for (TlObject o : pushed) {
            for (UpdateNewMessage n : newMessages(o)) {
                raw++;
                Message m = (Message) n.message();
                Message before = byPts.putIfAbsent(n.pts(), m);
                if (before != null) {
                    assertThat(m.id()).as("pts %d pushed twice with different messages", n.pts()).isEqualTo(before.id());
                } else if (n.pts() < max) {
                    late++;
                }
                max = Math.max(max, n.pts());
            }
        }
        return new PushStats(byPts, raw, late);
    }

    private static void awaitPushes(ConcurrentLinkedQueue<TlObject> pushed, int lastPts, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean reached = pushed.stream().flatMap(o -> newMessages(o).stream()).anyMatch(n -> n.pts() >= lastPts);
            if (reached) {
                return;
            }
            Thread.sleep(500);
        }
        System.out.println("CRASH TEST: pushes did not reach pts " + lastPts + " within " + timeout + "; getDifference fills in");
    }

    /** Kills message-service and fanout-service with SIGKILL, waits, starts both again; says what happened. */
    private static void crashAndRestart(CompletableFuture<String> done) {
        try {
            long t0 = System.nanoTime();
            StandaloneLifecycleIT.Result k1 = run("kill", "message-service", Integer.toString(DC));
            StandaloneLifecycleIT.Result k2 = run("kill", "fanout-service", Integer.toString(DC));
            if (k1.exit() != 0 || k2.exit() != 0) {
                throw new AssertionError("kill failed:\n" + k1.output() + k2.output());
            }
            Thread.sleep(DOWN_FOR.toMillis());
            restartingAt.set(System.nanoTime());
            CompletableFuture<StandaloneLifecycleIT.Result> r1 = CompletableFuture.supplyAsync(() -> runUnchecked("restart", "message-service"));
            CompletableFuture<StandaloneLifecycleIT.Result> r2 = CompletableFuture.supplyAsync(() -> runUnchecked("restart", "fanout-service"));
            for (StandaloneLifecycleIT.Result r : List.of(r1.get(), r2.get())) {
                if (r.exit() != 0) {
                    throw new AssertionError("restart failed:\n" + r.output());
                }
            }
            readyAt.set(System.nanoTime());
            done.complete(String.format("SIGKILLed message-service and fanout-service of dc%d after %d acknowledged; both ready again %.1f s later",
                    DC, KILL_AFTER, (System.nanoTime() - t0) / 1e9));
        } catch (Throwable e) {
            done.completeExceptionally(e);
        }
    }

    private static void keepAlive(AtomicReference<MtprotoClient> ref) {
        MtprotoClient c = ref.get();
        try {
            if (c.isOpen()) {
                c.ping().get(20, TimeUnit.SECONDS);
                return;
            }
        } catch (Exception e) {
            System.out.println("CRASH TEST: ping failed: " + e);
        }
        if (!c.isOpen()) {
            try {
                System.out.println("CRASH TEST: connection lost, resuming the session");
                ref.set(MtprotoClient.connect(c.resumeOptions()).get(30, TimeUnit.SECONDS));
            } catch (Exception e) {
                System.out.println("CRASH TEST: reconnect failed: " + e);
            }
        }
    }

    private static MtprotoClient connect(io.heliograph.mtproto.client.PushListener listener) throws Exception {
        JsonNode gateway = null;
        for (JsonNode dc : endpoints.get("dcs")) {
            if (dc.get("id").asInt() == DC) {
                gateway = dc.get("gateways").get(0);
            }
        }
        ClientOptions.Builder options = ClientOptions.builder(new java.net.InetSocketAddress("127.0.0.1", gateway.get("tcpPort").asInt()))
                .transport(ClientTransport.INTERMEDIATE).dcId(DC).rsaKey(rsaKey).requestTimeout(Duration.ofSeconds(60));
        if (listener != null) {
            options.pushListener(listener);
        }
        return MtprotoClient.connect(options.build()).get(30, TimeUnit.SECONDS);
    }

    private static StandaloneLifecycleIT.Result runUnchecked(String command, String service) {
        try {
            return run(command, service, Integer.toString(DC));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static StandaloneLifecycleIT.Result run(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/heliograph").toString()));
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> env = new HashMap<>();
        env.put("HELIOGRAPH_VAR", VAR);
        env.put("HELIOGRAPH_INFRA_INSTANCE", "e2e");
        env.put("HELIOGRAPH_PORT_BASE", Integer.toString(PORT_BASE));
        env.put("HELIOGRAPH_DCS", "1");
        env.put("HELIOGRAPH_SKIP_BUILD", "1");
        env.put("HELIOGRAPH_SEPARATE", "message-service,fanout-service");
        // one sender streaming: no flood limit; a box command unanswered for 10 s answers -503 (the client retries)
        env.put("HELIOGRAPH_GATEWAY_FLOOD_PERSECOND", "1000000");
        env.put("HELIOGRAPH_GATEWAY_FLOOD_BURST", "1000000");
        env.put("HELIOGRAPH_GATEWAY_RPCTIMEOUT", "10s");
        // B catches up the whole stream by getDifference (the default answers differenceTooLong beyond 10,000 pts)
        env.put("HELIOGRAPH_MESSAGE_DIFFERENCETOOLONG", "100000");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("bin/heliograph " + String.join(" ", command) + " did not finish:\n" + out);
        }
        System.out.println("$ bin/heliograph " + String.join(" ", command) + "\n" + out);
        return new StandaloneLifecycleIT.Result(p.exitValue(), out);
    }
}
