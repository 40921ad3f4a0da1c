package io.heliograph.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.gateway.GatewayMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Backpressure: a client that does not read makes the gateway stop reading, then cut it off, never buffer on. */
class ConnectionGuardTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayMeters meters = new GatewayMeters(registry);

    private EmbeddedChannel channel(long maxPending, Duration slowReader) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(16 << 10, 64 << 10));
        ch.pipeline().addLast(new ConnectionGuard(new ConnectionGuard.Limits(10, 100, maxPending, slowReader, meters), "tcp"));
        return ch;
    }

    private double slowReaders() {
        return registry.counter("heliograph.gateway.connections.rejected", "reason", "slow_reader").count();
    }

    @Test
    void whileTheClientDoesNotReadWeReadNothingAndAfterTheTimeoutWeCloseIt() {
        EmbeddedChannel ch = channel(8 << 20, Duration.ofSeconds(30));
        ch.write(Unpooled.wrappedBuffer(new byte[100 << 10])); // written, not flushed: it waits for the client
        assertThat(ch.isWritable()).isFalse();
        assertThat(ch.config().isAutoRead()).isFalse();
        ch.advanceTimeBy(29, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isTrue();
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).isFalse();
        assertThat(slowReaders()).isEqualTo(1);
    }

    @Test
    void whenTheClientCatchesUpReadingResumes() {
        EmbeddedChannel ch = channel(8 << 20, Duration.ofSeconds(30));
        ch.write(Unpooled.wrappedBuffer(new byte[100 << 10]));
        assertThat(ch.config().isAutoRead()).isFalse();
        ch.flush();
        ch.releaseOutbound();
        assertThat(ch.isWritable()).isTrue();
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.advanceTimeBy(60, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isActive()).as("the slow-reader timer was cancelled").isTrue();
    }

    @Test
    void whatWaitsForAClientNeverExceedsTheLimit() {
        EmbeddedChannel ch = channel(1 << 20, Duration.ofSeconds(30));
        for (int i = 0; i < 20 && ch.isActive(); i++) {
            ch.write(Unpooled.wrappedBuffer(new byte[64 << 10]));
        }
        assertThat(ch.isActive()).isFalse();
        assertThat(slowReaders()).isEqualTo(1);
    }

    @Test
    void bytesAreCounted() {
        EmbeddedChannel ch = channel(1 << 20, Duration.ofSeconds(30));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[300]));
        ch.writeOutbound(Unpooled.wrappedBuffer(new byte[200]));
        assertThat(registry.counter("heliograph.gateway.bytes", "direction", "in").count()).isEqualTo(300);
        assertThat(registry.counter("heliograph.gateway.bytes", "direction", "out").count()).isEqualTo(200);
        ch.finishAndReleaseAll();
    }
}
