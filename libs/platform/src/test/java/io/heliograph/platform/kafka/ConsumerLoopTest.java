package io.heliograph.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** A consumer loop that dies while it should run is not left silent: health DOWN and liveness BROKEN. */
class ConsumerLoopTest {

    @Test
    void aLoopKilledByAnExceptionIsReportedAndBreaksLivenessAndItsConsumerIsClosed() throws Exception {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(ApplicationAvailabilityBean.class);
            context.registerBean(ConsumerLoopFailures.class, () -> new ConsumerLoopFailures(context));
            context.refresh();
            AvailabilityChangeEvent.publish(context, LivenessState.CORRECT); // as SpringApplication does once started
            ConsumerLoopFailures failures = context.getBean(ConsumerLoopFailures.class);
            ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
            assertThat(availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);
            assertThat(failures.health().getStatus()).isEqualTo(Status.UP);

            MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
            AtomicInteger turns = new AtomicInteger();
            ConsumerLoop loop = new ConsumerLoop("box-commands", Duration.ofSeconds(5), failures);
            loop.start(consumer, c -> {
                if (turns.incrementAndGet() == 3) {
                    throw new IllegalStateException("Consumer is not subscribed to any topics or assigned any partitions");
                }
            }, c -> { });

            awaitUntil(consumer::closed);
            assertThat(turns).hasValue(3);
            assertThat(failures.failures()).containsOnlyKeys("box-commands");
            assertThat(failures.failures().get("box-commands")).contains("IllegalStateException").contains("not subscribed");
            assertThat(failures.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(failures.health().getDetails()).containsKey("box-commands");
            assertThat(availability.getLivenessState()).isEqualTo(LivenessState.BROKEN);
        }
    }

    @Test
    void aLoopStoppedOnPurposeIsNoFailure() throws Exception {
        ConsumerLoopFailures failures = ConsumerLoopFailures.detached();
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        CountDownLatch finished = new CountDownLatch(1);
        ConsumerLoop loop = new ConsumerLoop("tail-dc1.auth-events", Duration.ofSeconds(5), failures);
        // a MockConsumer woken up throws WakeupException in poll, as a real one does
        startAndAwaitFirstTurn(loop, consumer, c -> c.poll(Duration.ofMillis(50)), c -> finished.countDown());

        loop.stop();

        assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(consumer.closed()).isTrue();
        assertThat(failures.failures()).isEmpty();
        assertThat(failures.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void anExceptionWhileStoppingIsNoFailure() throws Exception {
        ConsumerLoopFailures failures = ConsumerLoopFailures.detached();
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        CountDownLatch stopping = new CountDownLatch(1);
        ConsumerLoop loop = new ConsumerLoop("fanout-dc1.updates", Duration.ofSeconds(5), failures);
        startAndAwaitFirstTurn(loop, consumer, c -> {
            stopping.await();
            throw new IllegalStateException("closed under it");
        }, c -> { });

        Thread stopper = new Thread(loop::stop);
        stopper.start();
        awaitUntil(() -> !loop.running());
        stopping.countDown();
        stopper.join(5000);

        assertThat(consumer.closed()).isTrue();
        assertThat(failures.failures()).isEmpty();
    }

    /** Starts {@code loop} with {@code turn} and returns once its first turn has begun. */
    private static void startAndAwaitFirstTurn(ConsumerLoop loop, MockConsumer<String, byte[]> consumer,
            ConsumerLoop.Turn turn, ConsumerLoop.Finish finish) throws InterruptedException {
        CountDownLatch turning = new CountDownLatch(1);
        loop.start(consumer, c -> {
            turning.countDown();
            turn.run(c);
        }, finish);
        assertThat(turning.await(5, TimeUnit.SECONDS)).as("the loop's first turn within 5 s").isTrue();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
