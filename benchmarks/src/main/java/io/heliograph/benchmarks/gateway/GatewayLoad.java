package io.heliograph.benchmarks.gateway;

import io.heliograph.mtproto.client.ClientOptions;
import io.heliograph.mtproto.client.MtprotoClient;
import io.heliograph.mtproto.client.Probe;
import io.heliograph.mtproto.crypto.RsaKeys;
import io.heliograph.tl.TlFunction;
import io.heliograph.tl.api.HelpGetConfig;
import io.heliograph.tl.api.HelpGetNearestDc;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Idle-connection load against an MTProto gateway: measures ping and handshake latency with no load, opens many raw
 * connections (stopped at {@code resPQ}) and many authorized ones (new auth key, one call), measures again with all of
 * them open and prints the ratios, and with {@code --gateway-pid} the gateway's heap per idle connection after full
 * GCs. Not part of any test run; see docs/benchmarks.md.
 *
 * @see <a href="https://core.telegram.org/mtproto/auth_key">Creating an Authorization Key</a>
 */
public final class GatewayLoad {

    private static final int RAW_CONCURRENCY = 256;
    private static final int WARMUP_PINGS = 500;
    private static final int WARMUP_HANDSHAKES = 20;

    private GatewayLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions o;
        try {
            o = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        SelfTestServer self = o.selfTest() ? new SelfTestServer() : null;
        String host = self != null ? "127.0.0.1" : o.host();
        int port = self != null ? self.port() : o.port();
        RSAPublicKey rsa = self != null ? self.publicKey() : RsaKeys.parsePkcs1Pem(Files.readString(o.rsaPem()));
        long pid = self != null && o.gatewayPid().isEmpty() ? ProcessHandle.current().pid() : o.gatewayPid().orElse(-1);
        warnAboutFileDescriptors(o);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(o.eventLoops(), new DefaultThreadFactory("gateway-load", true),
                NioIoHandler.newFactory());
        ClientOptions base = ClientOptions.builder(new InetSocketAddress(host, port))
                .transport(o.transport())
                .rsaKey(rsa)
                .dcId(o.dcId())
                .eventLoopGroup(group)
                .handshakeTimeout(Duration.ofSeconds(120))
                .requestTimeout(Duration.ofSeconds(60))
                .build();
        TlFunction<?> call = "getNearestDc".equals(o.call()) ? new HelpGetNearestDc() : new HelpGetConfig();
        System.out.printf("GatewayLoad %s:%d transport=%s call=%s raw=%d authorized=%d%s%n", host, port,
                o.transport().name().toLowerCase(Locale.ROOT), call.tlName(), o.connections(), o.authorized(),
                self != null ? " (self-test: mtproto-core's server in this JVM)" : "");

        MtprotoClient control;
        try {
            control = MtprotoClient.connect(base).join();
            control.call(call).join();
        } catch (CompletionException e) {
            System.err.println("cannot reach the gateway: " + e.getCause());
            System.exit(1);
            return;
        }
        pings(control, WARMUP_PINGS);
        handshakes(base, call, WARMUP_HANDSHAKES);
        Latencies pingBase = pings(control, o.pings());
        Latencies handshakeBase = handshakes(base, call, o.handshakes());
        System.out.printf("baseline measured (%d pings, %d handshakes)%n", o.pings(), o.handshakes());

        HeapProbe heap = pid > 0 ? new HeapProbe(pid) : null;
        long heapBefore = heapUsed(heap);
        Opened<Probe> raw = openAll("raw", o.connections(), RAW_CONCURRENCY, () -> MtprotoClient.probe(base));
        long heapRaw = heapUsed(heap);
        Opened<MtprotoClient> authorized = openAll("authorized", o.authorized(), o.handshakeConcurrency(),
                () -> MtprotoClient.connect(base).thenCompose(c -> c.call(call).handle((r, e) -> {
                    if (e != null) {
                        c.close();
                        throw e instanceof CompletionException ce ? ce : new CompletionException(e);
                    }
                    return c;
                })));
        long heapAuthorized = heapUsed(heap);

        Latencies pingLoaded = pings(control, o.pings());
        Latencies handshakeLoaded = handshakes(base, call, o.handshakes());
        int stillOpen = (int) raw.items.stream().filter(Probe::isOpen).count();
        int sessionsOpen = (int) authorized.items.stream().filter(MtprotoClient::isOpen).count();

        System.out.println();
        System.out.printf("opened: raw %d/%d in %.1f s (%d failed%s), authorized %d/%d in %.1f s (%d failed%s)%n",
                raw.items.size(), o.connections(), raw.seconds, raw.failures, raw.firstError(),
                authorized.items.size(), o.authorized(), authorized.seconds, authorized.failures, authorized.firstError());
        System.out.printf("still open when measured: raw %d, authorized %d%n", stillOpen, sessionsOpen);
        System.out.printf("%-36s %9s %9s %9s %9s %8s %8s%n", "latency (ms)", "base p50", "base p99", "load p50",
                "load p99", "x p50", "x p99");
        row("ping (n=" + o.pings() + ")", pingBase, pingLoaded);
        row("handshake + " + call.tlName() + " (n=" + o.handshakes() + ")", handshakeBase, handshakeLoaded);
        if (heap != null) {
            System.out.printf("%nheap used after full GC (pid %d%s): before %s, with raw %s, with raw + authorized %s%n",
                    pid, self != null ? ", client and server together" : "", mib(heapBefore), mib(heapRaw),
                    mib(heapAuthorized));
            perConnection("per idle raw connection", heapRaw - heapBefore, raw.items.size());
            perConnection("per idle authorized session", heapAuthorized - heapRaw, authorized.items.size());
        }

        List<CompletableFuture<Void>> closing = new ArrayList<>();
        raw.items.forEach(p -> closing.add(p.close()));
        authorized.items.forEach(c -> closing.add(c.close()));
        closing.add(control.close());
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> null).join();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (self != null) {
            self.close();
        }
        System.exit(0);
    }

    private static Latencies pings(MtprotoClient client, int n) {
        Latencies l = new Latencies();
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            try {
                client.ping().join();
                l.add(System.nanoTime() - start);
            } catch (CompletionException e) {
                l.failed();
            }
        }
        return l;
    }

    /** Fresh connections one after another: key exchange and one call each, then closed. */
    private static Latencies handshakes(ClientOptions base, TlFunction<?> call, int n) {
        Latencies l = new Latencies();
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            try {
                MtprotoClient c = MtprotoClient.connect(base).join();
                try {
                    c.call(call).join();
                    l.add(System.nanoTime() - start);
                } finally {
                    c.close().join();
                }
            } catch (CompletionException e) {
                l.failed();
            }
        }
        return l;
    }

    private record Opened<T>(List<T> items, int failures, AtomicReference<Throwable> error, double seconds) {

        String firstError() {
            Throwable e = error.get();
            if (e == null) {
                return "";
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return "; first: " + cause;
        }
    }

    /** Opens {@code n} connections with at most {@code concurrency} in progress; the calling thread waits, no event loop. */
    private static <T> Opened<T> openAll(String label, int n, int concurrency, Supplier<CompletableFuture<T>> open)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        List<T> opened = Collections.synchronizedList(new ArrayList<>(n));
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(n);
        long start = System.nanoTime();
        long lastReport = start;
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            CompletableFuture<T> f;
            try {
                f = open.get();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((v, e) -> {
                if (e == null) {
                    opened.add(v);
                } else {
                    failures.incrementAndGet();
                    firstError.compareAndSet(null, e);
                }
                inFlight.release();
                done.countDown();
            });
            long now = System.nanoTime();
            if (now - lastReport > TimeUnit.SECONDS.toNanos(5)) {
                lastReport = now;
                System.out.printf("  %s: %d started, %d open, %d failed%n", label, i + 1, opened.size(), failures.get());
            }
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Opened<>(new ArrayList<>(opened), failures.get(), firstError, seconds);
    }

    private static long heapUsed(HeapProbe heap) {
        if (heap == null) {
            return -1;
        }
        try {
            return heap.usedAfterFullGc();
        } catch (IOException | RuntimeException e) {
            System.out.println("heap measurement failed: " + e.getMessage());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void row(String name, Latencies base, Latencies loaded) {
        double b50 = base.percentileMillis(50);
        double b99 = base.percentileMillis(99);
        double l50 = loaded.percentileMillis(50);
        double l99 = loaded.percentileMillis(99);
        String failures = base.failures() + loaded.failures() > 0
                ? String.format("  (failed: %d base, %d loaded)", base.failures(), loaded.failures()) : "";
        System.out.printf("%-36s %9.3f %9.3f %9.3f %9.3f %8.2f %8.2f%s%n", name, b50, b99, l50, l99, l50 / b50,
                l99 / b99, failures);
    }

    private static void perConnection(String name, long deltaBytes, int count) {
        if (deltaBytes < 0 && count > 0 || count == 0) {
            System.out.printf("%-36s %s%n", name, count == 0 ? "-" : "not measured");
            return;
        }
        System.out.printf("%-36s %9.2f KiB (%s over %d)%n", name, deltaBytes / 1024.0 / count, mib(deltaBytes), count);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "?" : String.format("%.1f MiB", bytes / 1048576.0);
    }

    /** Warns when the soft limit on open files (from /proc/self/limits) is below what the run needs here. */
    private static void warnAboutFileDescriptors(LoadOptions o) {
        Path limits = Path.of("/proc/self/limits");
        long needed = (long) (o.connections() + o.authorized()) * (o.selfTest() ? 2 : 1) + 200;
        try {
            for (String line : Files.readAllLines(limits)) {
                if (line.startsWith("Max open files")) {
                    long soft = Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
                    if (soft < needed) {
                        System.out.printf("warning: %d open files allowed, about %d needed (ulimit -n)%n", soft, needed);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no check
        }
    }
}
