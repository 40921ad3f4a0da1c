package io.heliograph.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import io.heliograph.platform.DcContext;
import io.heliograph.platform.HeliographProperties;
import io.heliograph.platform.PlatformAutoConfiguration;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The service's Cassandra session, bound to its DC keyspace after the keyspace and tables are migrated. Active only
 * for services whose role includes Cassandra ({@code heliograph.cassandra.enabled}, default true).
 */
@AutoConfiguration(before = CassandraAutoConfiguration.class, after = PlatformAutoConfiguration.class)
@ConditionalOnClass(CqlSession.class)
public class CassandraPlatformAutoConfiguration {

    @Bean(destroyMethod = "close")
    CqlSession cassandraSession(ObjectProvider<CqlSessionBuilder> builders, DcContext dc, HeliographProperties properties,
            Environment environment, Clock clock) {
        if (properties.cassandra().migrate()) {
            String service = environment.getRequiredProperty("spring.application.name");
            try (CqlSession bootstrap = builders.getObject().build()) {
                CassandraMigrator migrator = new CassandraMigrator(bootstrap, service, Map.of(
                        "keyspace", dc.keyspace(),
                        "globalKeyspace", dc.globalKeyspace(),
                        "replication", properties.cassandra().replication()), clock);
                migrator.migrate(dc.keyspace(), migrator.load());
            }
        }
        return builders.getObject().withKeyspace(dc.keyspace()).build();
    }

    /** Prepared, LOCAL_QUORUM statements on the reactive session Spring Data builds on {@link #cassandraSession}. */
    @Bean
    Cql cql(org.springframework.data.cassandra.ReactiveSession session) {
        return new Cql(session);
    }
}
