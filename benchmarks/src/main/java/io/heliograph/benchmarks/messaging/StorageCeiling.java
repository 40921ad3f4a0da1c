package io.heliograph.benchmarks.messaging;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cassandra's own write ceiling on this machine: single-row inserts of {@code rowBytes}, the cheapest write there is
 * (no batch, no read, one partition each, consistency ONE on one node), as many as {@code inFlight} outstanding
 * requests allow, into a scratch keyspace that is dropped afterwards. Any design that keeps Telegram's per-user boxes
 * writes at least one row per box, so at least two rows per private message: this rate halved bounds what any
 * platform can store on this machine, before Kafka, MTProto or the platform itself get a cycle. Printed beside the
 * platform's figures by {@link MessagingLoad}; runnable alone:
 * {@code java -cp benchmarks.jar io.heliograph.benchmarks.messaging.StorageCeiling 127.0.0.1:9042 [cassandra-pid]}.
 */
final class StorageCeiling {

    private static final String KEYSPACE = "heliograph_bench";

    /** Rows/s over the measured seconds; Cassandra's cores and CPU per row when its pid was given (else NaN). */
    record Result(long rows, double seconds, int rowBytes, int inFlight, double cassandraCores, double cpuMsPerRow) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private StorageCeiling() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: StorageCeiling host:port [cassandra-pid]");
        }
        long pid = args.length > 1 ? Long.parseLong(args[1]) : -1;
        Result r = run(args[0], pid, 150, 5, 15, 256);
        System.out.println(describe(r));
    }

    static String describe(Result r) {
        return String.format("cassandra alone: %.0f single-row writes/s (%d rows of %d bytes in %.1f s, %d in flight)%s",
                r.rowsPerSecond(), r.rows(), r.rowBytes(), r.seconds(), r.inFlight(),
                Double.isNaN(r.cassandraCores()) ? "" : String.format(", cassandra %.2f cores, %.3f ms CPU per row",
                        r.cassandraCores(), r.cpuMsPerRow()));
    }

    static Result run(String contact, long cassandraPid, int rowBytes, int warmupSeconds, int measureSeconds,
            int inFlight) throws InterruptedException {
        var config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, Math.max(1024, inFlight * 2))
                .build();
        try (CqlSession session = CassandraWork.connect(contact, config)) {
            session.execute("CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("DROP TABLE IF EXISTS " + KEYSPACE + ".rows");
            session.execute("CREATE TABLE " + KEYSPACE + ".rows (owner bigint, peer text, message_id int, body blob, "
                    + "PRIMARY KEY ((owner, peer), message_id))");
            try {
                PreparedStatement insert = session.prepare("INSERT INTO " + KEYSPACE
                        + ".rows (owner, peer, message_id, body) VALUES (?, ?, ?, ?)");
                write(session, insert, rowBytes, inFlight, TimeUnit.SECONDS.toNanos(warmupSeconds));
                double before = CpuTime.seconds(cassandraPid);
                long start = System.nanoTime();
                long rows = write(session, insert, rowBytes, inFlight, TimeUnit.SECONDS.toNanos(measureSeconds));
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = CpuTime.seconds(cassandraPid) - before;
                return new Result(rows, seconds, rowBytes, inFlight, cpu / seconds, cpu * 1000 / rows);
            } finally {
                session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
            }
        }
    }

    /** Writes for {@code nanos} with at most {@code inFlight} outstanding; returns the rows acknowledged. */
    private static long write(CqlSession session, PreparedStatement insert, int rowBytes, int inFlight, long nanos)
            throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        byte[] body = new byte[rowBytes];
        ThreadLocalRandom.current().nextBytes(body);
        long owners = 100_000;
        long end = System.nanoTime() + nanos;
        for (int i = 0; System.nanoTime() < end && failure.get() == null; i++) {
            permits.acquire();
            long owner = ThreadLocalRandom.current().nextLong(owners);
            session.executeAsync(insert.bind(owner, "u" + (owner ^ 1), i, ByteBuffer.wrap(body)))
                    .whenComplete((rs, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        } else {
                            done.incrementAndGet();
                        }
                        permits.release();
                    });
        }
        permits.acquire(inFlight);
        if (failure.get() != null) {
            throw new IllegalStateException("a write failed", failure.get());
        }
        return done.get();
    }
}
