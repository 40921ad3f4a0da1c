package io.heliograph.platform.kafka;

import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka consumer polled on its own thread until stopped: the lifecycle every service's consumer shares. The owner
 * creates and subscribes (or assigns) the consumer, then {@link #start}s the loop with what one poll does and what to
 * do before the consumer closes (a final commit); {@link #stop} wakes the consumer and waits for the thread. A loop
 * that an exception stops while it should run is reported to {@link ConsumerLoopFailures}.
 */
public final class ConsumerLoop {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

    /** One turn of the loop: poll, handle, commit. Runs on the loop's thread. */
    @FunctionalInterface
    public interface Turn {
        void run(Consumer<String, byte[]> consumer) throws InterruptedException;
    }

    /** What to do before the consumer closes, on the loop's thread (e.g. a last commit). */
    @FunctionalInterface
    public interface Finish {
        void run(Consumer<String, byte[]> consumer);
    }

    private final String name;
    private final Duration stopTimeout;
    private final ConsumerLoopFailures failures;
    private volatile Consumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    public ConsumerLoop(String name, Duration stopTimeout, ConsumerLoopFailures failures) {
        this.name = name;
        this.stopTimeout = stopTimeout;
        this.failures = failures;
    }

    public void start(Consumer<String, byte[]> consumer, Turn turn, Finish finish) {
        this.consumer = consumer;
        running = true;
        thread = new Thread(() -> run(consumer, turn, finish), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Consumer<String, byte[]> c, Turn turn, Finish finish) {
        try {
            while (running) {
                turn.run(c);
            }
        } catch (WakeupException e) {
            // stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("{} stopped", name, e);
            if (running) {
                failures.failed(name, e);
            }
        } finally {
            try {
                finish.run(c);
            } catch (RuntimeException e) {
                log.warn("{}: finishing failed: {}", name, e.toString());
            } finally {
                try {
                    c.close(Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    log.debug("closing the consumer of {}: {}", name, e.toString());
                }
            }
        }
    }

    /** Whether the loop should keep going (false once {@link #stop} was called). */
    public boolean running() {
        return running;
    }

    public void stop() {
        running = false;
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(stopTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
