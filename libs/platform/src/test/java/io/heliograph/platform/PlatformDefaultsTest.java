package io.heliograph.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.StandardEnvironment;

/** What every service's consumers start from, as the services build them ({@code KafkaProperties}). */
class PlatformDefaultsTest {

    @Test
    void consumersLoseADeadGroupMemberWithinTenSeconds() {
        StandardEnvironment env = new StandardEnvironment();
        new PlatformEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());
        KafkaProperties kafka = Binder.get(env).bind("spring.kafka", KafkaProperties.class).get();
        Map<String, Object> consumer = kafka.buildConsumerProperties();
        // a SIGKILLed box writer or fan-out instance holds its partitions until its session times out (client default 45 s)
        assertThat(consumer).containsEntry("session.timeout.ms", "10000").containsEntry("heartbeat.interval.ms", "3000")
                .containsEntry("isolation.level", "read_committed");
    }
}
