package io.heliograph.platform.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * Readiness of the Kafka cluster: a bounded {@code describeCluster} on a long-lived admin client, never blocking a
 * thread while it waits.
 */
public final class KafkaHealthIndicator implements ReactiveHealthIndicator, DisposableBean {

    private final AdminClient admin;
    private final Duration timeout;

    public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
        this.admin = AdminClient.create(adminConfig);
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        DescribeClusterResult result = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
        Mono<String> clusterId = Mono.fromFuture(result.clusterId().toCompletionStage().toCompletableFuture());
        Mono<Integer> nodes = Mono.fromFuture(result.nodes().toCompletionStage().toCompletableFuture()).map(java.util.Collection::size);
        return Mono.zip(clusterId, nodes)
                .map(t -> Health.up().withDetail("clusterId", t.getT1()).withDetail("nodes", t.getT2()).build())
                .timeout(timeout.plusMillis(500))
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build()));
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
