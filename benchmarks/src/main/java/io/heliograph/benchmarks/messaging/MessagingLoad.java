package io.heliograph.benchmarks.messaging;

import io.heliograph.benchmarks.gateway.Latencies;
import io.heliograph.mtproto.client.ClientOptions;
import io.heliograph.mtproto.client.ClientTransport;
import io.heliograph.mtproto.client.MtprotoClient;
import io.heliograph.mtproto.crypto.RsaKeys;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.api.AuthAuthorization;
import io.heliograph.tl.api.AuthAuthorizationSignUpRequired;
import io.heliograph.tl.api.AuthSendCode;
import io.heliograph.tl.api.AuthSentCode;
import io.heliograph.tl.api.AuthSignIn;
import io.heliograph.tl.api.AuthSignUp;
import io.heliograph.tl.api.CodeSettings;
import io.heliograph.tl.api.ContactsResolvePhone;
import io.heliograph.tl.api.ContactsResolvedPeer;
import io.heliograph.tl.api.InputPeerUser;
import io.heliograph.tl.api.Message;
import io.heliograph.tl.api.MessagesSendMessage;
import io.heliograph.tl.api.TAuthAuthorization;
import io.heliograph.tl.api.TUpdate;
import io.heliograph.tl.api.UpdateNewMessage;
import io.heliograph.tl.api.UpdateShortMessage;
import io.heliograph.tl.api.Updates;
import io.heliograph.tl.api.UpdatesCombined;
import io.heliograph.tl.api.User;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end private messages through a running platform with our own MTProto client on real connections: pairs of
 * signed-up test users, each receiver online with a push listener, each sender sending {@code messages.sendMessage}
 * with its send time in the text. Measures (1) the most messages/s the platform carries from send to push with a
 * bounded window of unreceived messages per sender, (2) the send-to-push latency at an offered rate of a fraction
 * (30%) of that, and checks that every acknowledged message arrives exactly once; (3) with the platform's pid, what an
 * MTProto round trip (ping) costs in CPU. Then, in the same run, Kafka's own perf tools against the platform's Kafka
 * with the platform's box-command record size (and their CPU per record), the ratios, and the CPU floor: the
 * messages/s two cores could carry at the least work per message any design meeting issue 6 does. Not part of any
 * test run; see docs/benchmarks.md.
 */
public final class MessagingLoad {

    private static final String TAG = "hgb";

    private MessagingLoad() {
    }

    /** One sender/receiver pair; seq numbers are per pair. */
    static final class Pair {
        final int index;
        final MtprotoClient sender;
        final InputPeerUser receiverPeer;
        final AtomicLong nextSeq = new AtomicLong();
        private final BitSet acked = new BitSet();
        private final BitSet received = new BitSet();
        private long duplicates;
        private volatile MtprotoClient receiver;

        Pair(int index, MtprotoClient sender, InputPeerUser receiverPeer) {
            this.index = index;
            this.sender = sender;
            this.receiverPeer = receiverPeer;
        }

        synchronized void acked(long seq) {
            acked.set((int) seq);
        }

        /** True the first time {@code seq} arrives. */
        synchronized boolean received(long seq) {
            if (received.get((int) seq)) {
                duplicates++;
                return false;
            }
            received.set((int) seq);
            return true;
        }

        synchronized int missing() {
            BitSet m = (BitSet) acked.clone();
            m.andNot(received);
            return m.cardinality();
        }

        synchronized int receivedCount() {
            return received.cardinality();
        }

        synchronized int ackedCount() {
            return acked.cardinality();
        }

        synchronized long duplicates() {
            return duplicates;
        }
    }

    /** What the receivers see during one phase. */
    static final class Phase {
        final long windowStart;
        final long windowEnd;
        final boolean closedLoop;
        final Latencies latency = new Latencies();
        final Latencies sendAck = new Latencies();
        final AtomicLong receivedInWindow = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicReference<Throwable> firstError = new AtomicReference<>();

        Phase(long windowStart, long windowEnd, boolean closedLoop) {
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
            this.closedLoop = closedLoop;
        }
    }

    private static volatile Phase phase;
    private static volatile boolean sending;
    private static List<Pair> pairs;
    private static String padding;
    private static ExecutorService sendLoop;

    public static void main(String[] args) throws Exception {
        MessagingOptions o;
        try {
            o = MessagingOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        RSAPublicKey rsa = RsaKeys.parsePkcs1Pem(Files.readString(o.rsaPem()));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("messaging-load", true), NioIoHandler.newFactory());
        ClientOptions.Builder base = ClientOptions.builder(new InetSocketAddress(o.host(), o.port()))
                .transport(ClientTransport.INTERMEDIATE).dcId(o.dc()).rsaKey(rsa).eventLoopGroup(group)
                .requestTimeout(Duration.ofSeconds(60));
        padding = "x".repeat(o.textSize());
        sendLoop = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "messaging-load-send");
            t.setDaemon(true);
            return t;
        });
        System.out.printf("MessagingLoad %s:%d dc=%d pairs=%d window=%d text=%d chars%n", o.host(), o.port(), o.dc(),
                o.pairs(), o.window(), o.textSize());

        List<MtprotoClient> clients = Collections.synchronizedList(new ArrayList<>());
        pairs = signUpPairs(o, base, clients);
        System.out.printf("signed up %d pairs%n", pairs.size());

        // (0) not measured: the platform's JIT compiles its hot paths (a platform just started runs several times
        // slower for its first minute), so every phase below measures compiled code, as Kafka's tools do
        if (!o.jitWarmup().isZero()) {
            closedLoop(o, "JIT warm-up (not measured)", null, o.jitWarmup(), Duration.ZERO);
            drain(o);
        }

        BoxCommandRecords boxRecords = o.skipKafka() ? null : new BoxCommandRecords(o.kafka(), o.dc());
        if (boxRecords != null) {
            boxRecords.markStart();
        }

        // (1) the most the platform carries: every sender keeps `window` messages unreceived, no more
        MeterDeltas meters = new MeterDeltas(o.services());
        CpuTime cpu = new CpuTime(o.cpuPids());
        CassandraWork.Counts storageBefore = o.cassandra() == null ? null : CassandraWork.of(o.cassandra(), o.keyspace());
        meters.start();
        cpu.start();
        Phase max = closedLoop(o, "max throughput", null);
        String cpuUse = cpu.summary(max.sent.get());
        CassandraWork.Counts storage = storageBefore == null ? null
                : CassandraWork.of(o.cassandra(), o.keyspace()).minus(storageBefore);
        String timers = meters.summary(15);
        Drained maxDrain = drain(o);
        double maxPerSecond = max.receivedInWindow.get() / seconds(o.measure());
        BoxCommandRecords.Sizes sizes = boxRecords == null ? null : boxRecords.measure();

        // (2) latency at a fixed offered rate
        double rate = Math.max(1, maxPerSecond * o.loadFraction());
        CpuTime latCpu = new CpuTime(o.cpuPids());
        latCpu.start();
        Phase lat = openLoop(o, rate);
        String latCpuUse = latCpu.summary(lat.sent.get());
        Drained latDrain = drain(o);

        Report report = new Report(o, maxPerSecond, max, maxDrain, rate, lat, latDrain, sizes);
        report.storage = storage;

        // (3) the MTProto part alone, for the CPU floor: pings, which the gateway answers in its session layer (no
        // Kafka, no storage), closed loop on the senders' connections
        if (o.cpuPids().containsKey("platform")) {
            report.pings = roundTrips(o);
        }

        // (4) optional, not measured: where the message-service's box writers spend a saturated run (thread dumps
        // cost CPU on a small machine, so they are taken in a phase of their own)
        ThreadSampler sampler = null;
        Drained profileDrain = null;
        if (o.platformPid() > 0) {
            sampler = new ThreadSampler(o.platformPid(), "box-writer");
            closedLoop(o, "profile (not measured)", sampler);
            profileDrain = drain(o);
        }
        report.printPlatform();
        System.out.printf("%nCPU time over the max phase (warm-up included), per message sent:%n%s", cpuUse);
        System.out.printf("%nCPU time over the latency phase (warm-up included), per message sent:%n%s", latCpuUse);
        System.out.printf("%nthe platform's timers over the max phase (DC %d services, by total time):%n%s", o.dc(), timers);
        if (sampler != null) {
            System.out.printf("%nwhere the box-writer threads are, saturated (pid %d; after it %d missing, %d duplicates):%n%s",
                    o.platformPid(), profileDrain.missing(), profileDrain.duplicates(), sampler.summary(12));
        }

        sending = false;
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        clients.forEach(c -> closing.add(c.close()));
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).orTimeout(20, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();

        if (o.cassandra() != null) {
            // the platform is idle now: Cassandra's own single-row write rate on this machine, its cores to itself
            System.out.printf("%nstorage ceiling: single-row writes to Cassandra at %s, 5 s warm-up, 15 s measured%n", o.cassandra());
            report.ceiling = StorageCeiling.run(o.cassandra(), o.cpuPids().getOrDefault("cassandra", -1L), 150, 5, 15, 256);
            System.out.println(StorageCeiling.describe(report.ceiling)); // printed here: the platform's figures came before it
        }
        if (!o.skipKafka()) {
            report.kafka = KafkaComparison.run(o, sizes.commandRecordSize(), (int) Math.round(rate), boxRecords.partitions());
            boxRecords.close();
        }
        report.printComparison();
        System.exit(report.lossOrDuplicates() ? 1 : 0);
    }

    private static List<Pair> signUpPairs(MessagingOptions o, ClientOptions.Builder base, List<MtprotoClient> clients)
            throws Exception {
        // distinct test numbers 99966<dc>YYYY for this run
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            numbers.add(i);
        }
        Collections.shuffle(numbers, ThreadLocalRandom.current());
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < o.pairs(); i++) {
            int index = i;
            String receiverPhone = "99966" + o.dc() + String.format("%04d", numbers.get(2 * i));
            String senderPhone = "99966" + o.dc() + String.format("%04d", numbers.get(2 * i + 1));
            MtprotoClient receiver = connect(base.pushListener((c, obj) -> onPush(obj)), clients);
            User receiverUser = login(receiver, receiverPhone, o.dc(), "Receiver" + index);
            MtprotoClient sender = connect(base.pushListener((c, obj) -> { }), clients);
            login(sender, senderPhone, o.dc(), "Sender" + index);
            ContactsResolvedPeer peer = (ContactsResolvedPeer) sender.call(new ContactsResolvePhone(receiverUser.phone()))
                    .get(30, TimeUnit.SECONDS);
            User seen = (User) peer.users().get(0);
            Pair p = new Pair(index, sender, new InputPeerUser(seen.id(), seen.accessHash()));
            p.receiver = receiver;
            out.add(p);
        }
        return out;
    }

    private static MtprotoClient connect(ClientOptions.Builder b, List<MtprotoClient> clients) throws Exception {
        MtprotoClient c = MtprotoClient.connect(b.build()).get(60, TimeUnit.SECONDS);
        clients.add(c);
        return c;
    }

    /** Test numbers sign in with the DC digit five times; a number seen for the first time signs up. */
    private static User login(MtprotoClient client, String phone, int dc, String firstName) throws Exception {
        String code = String.valueOf(dc).repeat(5);
        AuthSentCode sent = (AuthSentCode) client.call(new AuthSendCode(phone, 2040, "b18441a1ff607e10a989891a5462e627",
                new CodeSettings(false, false, false, false, false, false, null, null, null))).get(30, TimeUnit.SECONDS);
        TAuthAuthorization auth = client.call(new AuthSignIn(phone, sent.phoneCodeHash(), code, null)).get(30, TimeUnit.SECONDS);
        if (auth instanceof AuthAuthorizationSignUpRequired) {
            auth = client.call(new AuthSignUp(false, phone, sent.phoneCodeHash(), firstName, "")).get(30, TimeUnit.SECONDS);
        }
        return (User) ((AuthAuthorization) auth).user();
    }

    // --- receiving --------------------------------------------------------------------------------------------

    private static void onPush(TlObject pushed) {
        long now = System.nanoTime();
        if (pushed instanceof UpdateShortMessage m) {
            onText(m.message(), now);
        } else if (pushed instanceof Updates u) {
            u.updates().forEach(x -> onUpdate(x, now));
        } else if (pushed instanceof UpdatesCombined u) {
            u.updates().forEach(x -> onUpdate(x, now));
        }
    }

    private static void onUpdate(TUpdate update, long now) {
        if (update instanceof UpdateNewMessage n && n.message() instanceof Message m) {
            onText(m.message(), now);
        }
    }

    /** {@code hgb <pair> <seq> <send nanoTime> xxx...}: the sender's clock is ours, one JVM. */
    private static void onText(String text, long now) {
        if (text == null || !text.startsWith(TAG + " ")) {
            return;
        }
        String[] f = text.split(" ", 5);
        int pairIndex = Integer.parseInt(f[1]);
        long seq = Long.parseLong(f[2]);
        long sentAt = Long.parseLong(f[3]);
        Pair p = pairs.get(pairIndex);
        if (!p.received(seq)) {
            return;
        }
        Phase ph = phase;
        if (ph == null) {
            return;
        }
        if (now >= ph.windowStart && now < ph.windowEnd) {
            ph.receivedInWindow.incrementAndGet();
        }
        if (sentAt >= ph.windowStart && sentAt < ph.windowEnd) {
            ph.latency.add(now - sentAt);
        }
        if (ph.closedLoop && sending) {
            sendLoop.execute(() -> send(p, ph, System.nanoTime()));
        }
    }

    // --- sending ----------------------------------------------------------------------------------------------

    private static void send(Pair p, Phase ph, long sendAt) {
        long seq = p.nextSeq.getAndIncrement();
        String head = TAG + " " + p.index + " " + seq + " " + sendAt + " ";
        String text = head + padding.substring(Math.min(padding.length(), head.length()));
        ph.sent.incrementAndGet();
        long start = System.nanoTime();
        p.sender.call(MessagesSendMessage.builder().peer(p.receiverPeer).message(text)
                .randomId(ThreadLocalRandom.current().nextLong()).build()).whenComplete((r, e) -> {
                    if (e == null) {
                        p.acked(seq);
                        ph.sendAck.add(System.nanoTime() - start);
                    } else {
                        ph.failed.incrementAndGet();
                        ph.firstError.compareAndSet(null, e);
                        if (ph.closedLoop && sending) {
                            // keep the window full; a failed send is counted, not retried
                            sendLoop.execute(() -> send(p, ph, System.nanoTime()));
                        }
                    }
                });
    }

    private static Phase closedLoop(MessagingOptions o, String label, ThreadSampler sampler) {
        return closedLoop(o, label, sampler, o.warmup(), o.measure());
    }

    private static Phase closedLoop(MessagingOptions o, String label, ThreadSampler sampler, Duration warmup,
            Duration measure) {
        long now = System.nanoTime();
        Phase ph = new Phase(now + warmup.toNanos(), now + warmup.toNanos() + measure.toNanos(), true);
        phase = ph;
        sending = true;
        System.out.printf("%s: %d pairs x %d unreceived, %s warm-up, %s measured%n", label, pairs.size(), o.window(),
                warmup, measure);
        for (Pair p : pairs) {
            for (int i = 0; i < o.window(); i++) {
                sendLoop.execute(() -> send(p, ph, System.nanoTime()));
            }
        }
        if (sampler != null) {
            sleepUntil(ph.windowStart);
            while (System.nanoTime() < ph.windowEnd) {
                sampler.sample();
                sleepUntil(Math.min(ph.windowEnd, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500)));
            }
        }
        sleepUntil(ph.windowEnd);
        sending = false;
        return ph;
    }

    /** Messages due at {@code start + k / rate}, round robin over the pairs; latency is measured from the due time. */
    private static Phase openLoop(MessagingOptions o, double rate) {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        Phase ph = new Phase(start + o.warmup().toNanos(), start + o.warmup().toNanos() + o.measure().toNanos(), false);
        phase = ph;
        sending = true;
        System.out.printf("latency: %.0f msgs/s offered (%.0f%% of max), %s warm-up, %s measured%n", rate,
                o.loadFraction() * 100, o.warmup(), o.measure());
        double interval = 1e9 / rate;
        for (long k = 0; ; k++) {
            long due = start + (long) (k * interval);
            if (due >= ph.windowEnd) {
                break;
            }
            sleepUntil(due);
            Pair p = pairs.get((int) (k % pairs.size()));
            sendLoop.execute(() -> send(p, ph, due));
        }
        sending = false;
        return ph;
    }

    /** MTProto round trips (ping/pong) per second, and the CPU of the platform and this JVM per round trip. */
    record RoundTrips(long count, double perSecond, double cpuMicros, double gatewayMicros, long failed) {
    }

    /**
     * Pings, {@code window} in flight on each sender's connection, closed loop: what an MTProto round trip costs the
     * gateway and our client, with no Kafka or storage behind it. The CPU both processes use when idle (the
     * platform's consumers polling) is measured first and taken off.
     */
    private static RoundTrips roundTrips(MessagingOptions o) throws InterruptedException {
        Map<String, Long> platform = Map.of("platform", o.cpuPids().get("platform"));
        CpuTime idle = new CpuTime(platform);
        idle.start();
        Thread.sleep(5000);
        double idlePlatform = idle.seconds("platform") / idle.elapsed();
        double idleCores = idle.seconds("platform", "load generator") / idle.elapsed();
        System.out.printf("MTProto round trips alone (ping): %d connections x %d in flight, %s warm-up, %s measured; idle CPU %.2f cores%n",
                pairs.size(), o.window(), o.warmup(), o.measure(), idleCores);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        for (Pair p : pairs) {
            for (int i = 0; i < o.window(); i++) {
                ping(p.sender, running, done, failed);
            }
        }
        Thread.sleep(o.warmup().toMillis());
        long before = done.get();
        CpuTime cpu = new CpuTime(platform);
        cpu.start();
        Thread.sleep(o.measure().toMillis());
        long count = done.get() - before;
        double seconds = cpu.elapsed();
        double used = cpu.seconds("platform", "load generator") - idleCores * seconds;
        double gateway = cpu.seconds("platform") - idlePlatform * seconds;
        running.set(false);
        Thread.sleep(1000);
        return new RoundTrips(count, count / seconds, count == 0 ? Double.NaN : used * 1e6 / count,
                count == 0 ? Double.NaN : gateway * 1e6 / count, failed.get());
    }

    private static void ping(MtprotoClient client, AtomicBoolean running, AtomicLong done, AtomicLong failed) {
        client.ping().whenComplete((pong, e) -> {
            if (e != null) {
                failed.incrementAndGet(); // not sent again: a broken connection would spin
                return;
            }
            done.incrementAndGet();
            if (running.get()) {
                sendLoop.execute(() -> ping(client, running, done, failed));
            }
        });
    }

    record Drained(int missing, long duplicates, int acked, int received, double seconds) {
    }

    /** Waits until every acknowledged message has arrived, or {@code --drain} has passed. */
    private static Drained drain(MessagingOptions o) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + o.drain().toNanos();
        int missing;
        do {
            Thread.sleep(100);
            missing = pairs.stream().mapToInt(Pair::missing).sum();
        } while (missing > 0 && System.nanoTime() < deadline);
        Thread.sleep(500); // a late duplicate would show here
        missing = pairs.stream().mapToInt(Pair::missing).sum();
        return new Drained(missing, pairs.stream().mapToLong(Pair::duplicates).sum(),
                pairs.stream().mapToInt(Pair::ackedCount).sum(), pairs.stream().mapToInt(Pair::receivedCount).sum(),
                (System.nanoTime() - start) / 1e9);
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, 50_000_000L));
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** Prints the platform's figures, then the comparison with Kafka's tools. */
    static final class Report {
        private final MessagingOptions o;
        private final double maxPerSecond;
        private final Phase max;
        private final Drained maxDrain;
        private final double rate;
        private final Phase lat;
        private final Drained latDrain;
        private final BoxCommandRecords.Sizes sizes;
        KafkaComparison.Result kafka;
        /** Cassandra's partition reads and updates over the max phase (null: not measured). */
        CassandraWork.Counts storage;
        StorageCeiling.Result ceiling;
        /** MTProto round trips alone (null: not measured). */
        RoundTrips pings;

        Report(MessagingOptions o, double maxPerSecond, Phase max, Drained maxDrain, double rate, Phase lat,
                Drained latDrain, BoxCommandRecords.Sizes sizes) {
            this.o = o;
            this.maxPerSecond = maxPerSecond;
            this.max = max;
            this.maxDrain = maxDrain;
            this.rate = rate;
            this.lat = lat;
            this.latDrain = latDrain;
            this.sizes = sizes;
        }

        boolean lossOrDuplicates() {
            return latDrain.missing() > 0 || latDrain.duplicates() > 0;
        }

        void printPlatform() {
            System.out.println();
            System.out.printf("%s, JDK %s, %d cores; platform at %s:%d (DC %d), %d pairs%n", LocalDate.now(),
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), o.host(), o.port(),
                    o.dc(), pairs.size());
            System.out.printf("max phase: %d sent, %d failed%s; after it: %d acknowledged, %d received, %d missing, %d duplicates (drained in %.1f s)%n",
                    max.sent.get(), max.failed.get(), firstError(max), maxDrain.acked(), maxDrain.received(),
                    maxDrain.missing(), maxDrain.duplicates(), maxDrain.seconds());
            System.out.printf("latency phase: %d sent, %d failed%s; in all: %d acknowledged, %d received, %d missing, %d duplicates (drained in %.1f s)%n",
                    lat.sent.get(), lat.failed.get(), firstError(lat), latDrain.acked(), latDrain.received(),
                    latDrain.missing(), latDrain.duplicates(), latDrain.seconds());
            if (sizes != null) {
                System.out.printf("box-commands records during the max phase: %s%n", sizes);
            }
            if (storage != null && max.sent.get() > 0) {
                System.out.printf("cassandra (%s) during the max phase, warm-up included: %.2f partition reads and %.2f partition updates per message sent%n",
                        o.keyspace(), storage.reads() / (double) max.sent.get(), storage.writes() / (double) max.sent.get());
            }
        }

        private static String firstError(Phase ph) {
            Throwable e = ph.firstError.get();
            if (e == null) {
                return "";
            }
            Throwable c = e.getCause() != null ? e.getCause() : e;
            return " (first: " + c + ")";
        }

        void printComparison() {
            System.out.println();
            System.out.printf("%-52s %12s %12s %10s  %s%n", "measure", "heliograph", "kafka", "ratio", "goal");
            KafkaComparison.Result k = kafka;
            double raw = k == null ? Double.NaN : k.rawProduceConsume();
            System.out.printf("%-52s %12.0f %12s %10s  %s%n", "end-to-end msgs/s (max sustained, closed loop)",
                    maxPerSecond, fmt(raw, "%.0f"), ratio(maxPerSecond, raw),
                    goal(maxPerSecond / raw >= 0.25, ">= 0.25 x raw produce+consume"));
            if (storage != null && ceiling != null && storage.writes() > 0) {
                // Cassandra alone, with the machine to itself, doing only the platform's partition updates
                double perMessage = storage.writes() / (double) max.sent.get();
                double ceilingPerSecond = ceiling.rowsPerSecond() / perMessage;
                System.out.printf("%-52s %12.0f %12s %10s%n", String.format("  storage ceiling msgs/s (%.0f writes/s / %.1f per msg)",
                        ceiling.rowsPerSecond(), perMessage), ceilingPerSecond, fmt(raw, "%.0f"), ratio(ceilingPerSecond, raw));
            }
            double floor = cpuFloor();
            if (!Double.isNaN(floor)) {
                System.out.printf("%-52s %12.0f %12s %10s%n", String.format("  CPU floor msgs/s (3 x %.1f us kafka + 1.5 x %.1f us)",
                        k.cpuMicrosPerRecord(), pings.cpuMicros()), floor, fmt(raw, "%.0f"), ratio(floor, raw));
            }
            System.out.printf("%-52s %12s %12s %10s%n", "  kafka: ProducerPerformance msgs/s (acks=all)", "",
                    k == null ? "-" : fmt(k.produced().perSecond(), "%.0f"), "");
            System.out.printf("%-52s %12s %12s %10s%n", "  kafka: ConsumerPerformance msgs/s (fetch)", "",
                    k == null ? "-" : fmt(k.consumed().fetchPerSecond(), "%.0f"), "");
            System.out.printf("%-52s %12s %12s%n", String.format("offered rate msgs/s (%.0f%% of max)", o.loadFraction() * 100),
                    fmt(rate, "%.0f"), k == null ? "-" : fmt(k.endToEnd().messages() / k.endToEnd().seconds(), "%.0f")
                            + (k == null ? "" : " *"));
            double[] ours = {lat.latency.percentileMillis(50), lat.latency.percentileMillis(99), lat.latency.percentileMillis(99.9)};
            double[] theirs = k == null ? new double[] {Double.NaN, Double.NaN, Double.NaN}
                    : new double[] {k.endToEnd().p50Ms(), k.endToEnd().p99Ms(), k.endToEnd().p999Ms()};
            String[] names = {"p50", "p99", "p99.9"};
            for (int i = 0; i < 3; i++) {
                System.out.printf("%-52s %12.2f %12s %10s  %s%n", "send->receive latency " + names[i] + " ms (EndToEndLatency)",
                        ours[i], fmt(theirs[i], "%.2f"), ratio(ours[i], theirs[i]),
                        i == 1 ? goal(ours[1] / theirs[1] < 3, "< 3 x kafka e2e p99") : "");
            }
            double kafkaMean = k == null ? Double.NaN : k.endToEnd().avgMs();
            System.out.printf("%-52s %12.2f %12s %10s%n", "send->receive latency mean ms (EndToEndLatency)",
                    lat.latency.meanMillis(), fmt(kafkaMean, "%.2f"), ratio(lat.latency.meanMillis(), kafkaMean));
            if (k != null) {
                System.out.printf("%-52s %12s %12.2f%n", String.format("  kafka: produce ack p99 ms at %d msgs/s (ProducerPerformance)",
                        k.ratedProduce().records() == 0 ? 0 : Math.round(rate)), "", k.ratedProduce().p99Ms());
            }
            System.out.printf("%-52s %12.2f%n", "sendMessage answer p99 ms (latency phase)", lat.sendAck.percentileMillis(99));
            System.out.printf("%-52s %12s%n", "exactly once (latency + max phases)",
                    lossOrDuplicates() || maxDrain.missing() > 0 ? String.format("NO: %d missing, %d duplicates",
                            latDrain.missing(), latDrain.duplicates()) : "yes: " + latDrain.received() + " received once each");
            if (pings != null) {
                System.out.printf("MTProto round trips alone (ping): %.0f/s, %.1f us of CPU each (gateway %.1f, client %.1f; idle use taken off), %d failed%n",
                        pings.perSecond(), pings.cpuMicros(), pings.gatewayMicros(), pings.cpuMicros() - pings.gatewayMicros(),
                        pings.failed());
            }
            if (!Double.isNaN(floor)) {
                System.out.printf("CPU floor: the messages/s %d cores could carry if a message cost only what any design meeting issue 6 "
                        + "spends at the least: 3 Kafka records produced and consumed (the command; the copy for the recipient's box, "
                        + "whose writer owns another partition; the recipient's update for fan-out, which consumes independently) at "
                        + "the CPU Kafka's own tools spend per record (broker and tools, less a one-record run), and 3 MTProto "
                        + "messages (the call, its answer, the push to the recipient) at half a ping round trip each; storing the "
                        + "copies, the recipient's acknowledgement and everything else counted as free%n",
                        Runtime.getRuntime().availableProcessors());
            }
            if (k != null) {
                System.out.printf("record size %d bytes (the platform's box command for sendMessage, key + value); "
                        + "raw produce+consume = 1 / (1/produce + 1/consume); * EndToEndLatency is closed loop, one "
                        + "record in flight: its own rate; it prints its percentiles in whole ms%n", k.recordSize());
            }
        }

        /** Messages/s if a message cost only 3 Kafka records and 3 MTProto messages (1.5 round trips) of CPU; NaN if not measured. */
        private double cpuFloor() {
            if (kafka == null || pings == null || Double.isNaN(kafka.cpuMicrosPerRecord()) || Double.isNaN(pings.cpuMicros())) {
                return Double.NaN;
            }
            return Runtime.getRuntime().availableProcessors() * 1e6 / (3 * kafka.cpuMicrosPerRecord() + 1.5 * pings.cpuMicros());
        }

        private static String fmt(double v, String f) {
            return Double.isNaN(v) ? "-" : String.format(f, v);
        }

        private static String ratio(double ours, double theirs) {
            if (Double.isNaN(theirs) || theirs == 0) {
                return "-";
            }
            double r = ours / theirs;
            return String.format(r < 0.1 ? "%.4f" : "%.2f", r);
        }

        private static String goal(boolean met, String what) {
            return (met ? "met: " : "NOT met: ") + what;
        }
    }

    static Path logDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "heliograph-messaging-load");
    }
}
