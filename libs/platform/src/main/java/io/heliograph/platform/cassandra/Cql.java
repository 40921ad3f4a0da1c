package io.heliograph.platform.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.cassandra.ReactiveResultSet;
import org.springframework.data.cassandra.ReactiveSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Prepared statements of a service (a bean wherever the reactive Cassandra session is), executed at LOCAL_QUORUM (any instance reads what another wrote);
 * lightweight transactions commit at LOCAL_QUORUM with LOCAL_SERIAL. Statements name their keyspace where it is not
 * the DC's own ({@code heliograph_global}, another DC's keyspace), so each text is prepared once.
 */

public class Cql {

    private final ReactiveSession session;
    private final Map<String, PreparedStatement> prepared = new ConcurrentHashMap<>();

    public Cql(ReactiveSession session) {
        this.session = session;
    }

    /** Binds {@code values} to the statement {@code cql} (prepared on first use). */
    public Mono<BoundStatement> bind(String cql, Object... values) {
        return prepare(cql).map(ps -> ps.bind(values)
                .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM)
                .setSerialConsistencyLevel(DefaultConsistencyLevel.LOCAL_SERIAL));
    }

    public Mono<ReactiveResultSet> execute(String cql, Object... values) {
        return bind(cql, values).flatMap(session::execute);
    }

    public Mono<Void> run(String cql, Object... values) {
        return execute(cql, values).then();
    }

    public Mono<Row> one(String cql, Object... values) {
        return execute(cql, values).flatMap(rs -> rs.rows().next());
    }

    public Flux<Row> rows(String cql, Object... values) {
        return execute(cql, values).flatMapMany(ReactiveResultSet::rows);
    }

    /** Runs a lightweight transaction ({@code IF ...}); true when it was applied. */
    public Mono<Boolean> applied(String cql, Object... values) {
        return execute(cql, values).map(ReactiveResultSet::wasApplied);
    }

    /** Runs the statements as one logged batch: all of them are applied eventually, or none. */
    public Mono<Void> loggedBatch(List<BoundStatement> statements) {
        BatchStatement batch = BatchStatement.newInstance(BatchType.LOGGED)
                .addAll(statements.toArray(BoundStatement[]::new))
                .setConsistencyLevel((ConsistencyLevel) DefaultConsistencyLevel.LOCAL_QUORUM);
        return session.execute(batch).then();
    }

    private Mono<PreparedStatement> prepare(String cql) {
        PreparedStatement statement = prepared.get(cql);
        return statement != null ? Mono.just(statement) : session.prepare(cql).doOnNext(ps -> prepared.put(cql, ps));
    }
}
