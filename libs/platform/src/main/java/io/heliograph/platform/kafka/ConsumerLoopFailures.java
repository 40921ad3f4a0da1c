package io.heliograph.platform.kafka;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Where a consumer loop that died of an unexpected exception is reported. An instance whose loop died consumes
 * nothing more, while its consumer, closed, has left the group (other members took its partitions) or released its
 * assigned topic: left UP, it would look healthy and deliver nothing. So the failure turns the application's
 * <a href="https://docs.spring.io/spring-boot/reference/features/spring-application.html#features.spring-application.application-availability">liveness</a>
 * {@code BROKEN} (the liveness probe fails and Kubernetes restarts the pod) and shows in health as
 * {@code consumerLoops}, DOWN with each dead loop and its exception.
 */
public final class ConsumerLoopFailures implements HealthIndicator {

    /** For code wired without Spring (benchmarks, tests of one component): failures are kept and shown, nothing else. */
    public static ConsumerLoopFailures detached() {
        return new ConsumerLoopFailures(null);
    }

    private final ApplicationEventPublisher events;
    private final Map<String, String> failed = new ConcurrentHashMap<>();

    public ConsumerLoopFailures(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** Called once by a loop that stopped because of {@code cause} while it was meant to run. */
    public void failed(String loop, Throwable cause) {
        failed.put(loop, cause.toString());
        if (events != null) {
            AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
        }
    }

    /** The loops that died, with their exceptions, by name. */
    public Map<String, String> failures() {
        return new TreeMap<>(failed);
    }

    @Override
    public Health health() {
        Map<String, String> f = failures();
        return f.isEmpty() ? Health.up().build() : Health.down().withDetails(f).build();
    }
}
