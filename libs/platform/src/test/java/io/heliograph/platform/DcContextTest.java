package io.heliograph.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.events.Topic;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DcContextTest {

    @Test
    void namesTopicsAndKeyspacesPerDcAndNamespace() {
        HeliographProperties.Kafka kafka = new HeliographProperties.Kafka(8, (short) 1, Duration.ofSeconds(3));
        HeliographProperties.Cassandra cassandra = new HeliographProperties.Cassandra("{}", true);
        DcContext prod = DcContext.of(new HeliographProperties(2, "", "gw-0", kafka, cassandra));
        assertThat(prod.topic(Topic.UPDATES)).isEqualTo("dc2.updates");
        assertThat(prod.keyspace()).isEqualTo("heliograph_dc2");
        assertThat(prod.globalKeyspace()).isEqualTo("heliograph_global");

        DcContext test = DcContext.of(new HeliographProperties(1, "it01", "0", kafka, cassandra));
        assertThat(test.topic(Topic.PRESENCE)).isEqualTo("it01.dc1.presence");
        assertThat(test.keyspace()).isEqualTo("it01_heliograph_dc1");
    }
}
