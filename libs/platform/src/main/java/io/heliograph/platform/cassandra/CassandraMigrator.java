package io.heliograph.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Applies a service's versioned CQL scripts ({@code db/cassandra/<service>/V<n>__<description>.cql}) once each, in
 * order, recording them in {@code <keyspace>.schema_migrations}. Re-running is a no-op; a script whose content changed
 * after it was applied stops the start with a clear error instead of drifting silently. Scripts may use
 * {@code ${keyspace}}, {@code ${globalKeyspace}} and {@code ${replication}}.
 */
public final class CassandraMigrator {

    private static final Logger log = LoggerFactory.getLogger(CassandraMigrator.class);
    private static final Pattern FILE = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.cql");
    private static final Duration DDL_TIMEOUT = Duration.ofSeconds(30);

    /** One script: its version, description, text and checksum. */
    public record Migration(int version, String description, String cql, String checksum) {
    }

    private final CqlSession session;
    private final String service;
    private final Map<String, String> placeholders;
    private final Clock clock;

    public CassandraMigrator(CqlSession session, String service, Map<String, String> placeholders, Clock clock) {
        this.session = session;
        this.service = service;
        this.placeholders = placeholders;
        this.clock = clock;
    }

    /** Creates the keyspace and the journal table, then applies every pending script; returns how many ran. */
    public int migrate(String keyspace, List<Migration> migrations) {
        execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + placeholders.get("replication"));
        execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".schema_migrations ("
                + "service text, version int, description text, checksum text, applied_at timestamp, "
                + "PRIMARY KEY ((service), version))");
        Map<Integer, String> applied = new java.util.HashMap<>();
        for (Row row : session.execute(SimpleStatement.newInstance(
                "SELECT version, checksum FROM " + keyspace + ".schema_migrations WHERE service = ?", service))) {
            applied.put(row.getInt("version"), row.getString("checksum"));
        }
        int ran = 0;
        for (Migration m : migrations) {
            String previous = applied.get(m.version());
            if (previous != null) {
                if (!previous.equals(m.checksum())) {
                    throw new IllegalStateException("Cassandra migration V" + m.version() + "__" + m.description()
                            + " of " + service + " was changed after it was applied to " + keyspace
                            + " (checksum " + previous + " -> " + m.checksum() + "); add a new version instead");
                }
                continue;
            }
            for (String statement : statements(m.cql())) {
                execute(statement);
            }
            session.execute(SimpleStatement.newInstance("INSERT INTO " + keyspace + ".schema_migrations "
                    + "(service, version, description, checksum, applied_at) VALUES (?, ?, ?, ?, ?)",
                    service, m.version(), m.description(), m.checksum(), clock.instant()));
            log.info("applied Cassandra migration V{}__{} of {} to {}", m.version(), m.description(), service, keyspace);
            ran++;
        }
        return ran;
    }

    /** Loads {@code classpath*:db/cassandra/<service>/V*.cql}, sorted by version; duplicate versions are an error. */
    public List<Migration> load() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:db/cassandra/" + service + "/V*.cql");
            List<Migration> list = new ArrayList<>();
            for (Resource r : resources) {
                Matcher matcher = FILE.matcher(r.getFilename());
                if (!matcher.matches()) {
                    throw new IllegalStateException("Cassandra migration file name must be V<n>__<description>.cql: " + r);
                }
                String raw = r.getContentAsString(StandardCharsets.UTF_8);
                list.add(new Migration(Integer.parseInt(matcher.group(1)), matcher.group(2), substitute(raw), sha256(raw)));
            }
            list.sort(Comparator.comparingInt(Migration::version));
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i).version() == list.get(i - 1).version()) {
                    throw new IllegalStateException("two Cassandra migrations of " + service + " have version " + list.get(i).version());
                }
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String substitute(String cql) {
        String out = cql;
        for (Map.Entry<String, String> e : placeholders.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    /** Splits a script on semicolons that end a line, dropping {@code --} comment lines. */
    static List<String> statements(String cql) {
        StringBuilder current = new StringBuilder();
        List<String> out = new ArrayList<>();
        for (String line : cql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String s = current.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private void execute(String cql) {
        session.execute(SimpleStatement.newInstance(cql).setTimeout(DDL_TIMEOUT));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
