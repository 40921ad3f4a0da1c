package io.heliograph.benchmarks.messaging;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;

/**
 * What Cassandra did for a keyspace, from its own counters ({@code system_views.local_read_latency} and
 * {@code local_write_latency}, one count per partition read or partition update on this node): read before and after
 * a phase, it says how many partition reads and updates a message cost, whatever the code that asked for them.
 */
final class CassandraWork {

    /** Partition reads and partition updates of the keyspace so far. */
    record Counts(long reads, long writes) {
        Counts minus(Counts earlier) {
            return new Counts(reads - earlier.reads, writes - earlier.writes);
        }
    }

    private CassandraWork() {
    }

    static Counts of(String contact, String keyspace) {
        try (CqlSession session = connect(contact, DriverConfigLoader.programmaticBuilder().build())) {
            return new Counts(sum(session, "local_read_latency", keyspace), sum(session, "local_write_latency", keyspace));
        }
    }

    /** A session to the Cassandra at {@code host:port} (its one data centre is {@code datacenter1}, as bin/infra's). */
    static CqlSession connect(String contact, DriverConfigLoader config) {
        int colon = contact.lastIndexOf(':');
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(contact.substring(0, colon), Integer.parseInt(contact.substring(colon + 1))))
                .withLocalDatacenter("datacenter1").withConfigLoader(config).build();
    }

    private static long sum(CqlSession session, String view, String keyspace) {
        long total = 0;
        for (Row r : session.execute("SELECT keyspace_name, count FROM system_views." + view)) {
            if (keyspace.equals(r.getString("keyspace_name"))) {
                total += r.getLong("count");
            }
        }
        return total;
    }
}
