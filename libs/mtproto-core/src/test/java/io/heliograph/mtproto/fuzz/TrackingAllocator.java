package io.heliograph.mtproto.fuzz;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An allocator that counts the buffers it handed out and that were not yet released, so a fuzz target can fail the
 * very input that leaked one (Netty's leak detector reports only when the garbage collector notices, long after).
 */
final class TrackingAllocator extends AbstractByteBufAllocator {

    private final AtomicInteger live = new AtomicInteger();

    TrackingAllocator() {
        super(false);
    }

    /** Buffers allocated here and not yet deallocated. */
    int live() {
        return live.get();
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return new Tracked(this, initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return new Tracked(this, initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    private final class Tracked extends UnpooledHeapByteBuf {

        Tracked(ByteBufAllocator alloc, int initialCapacity, int maxCapacity) {
            super(alloc, initialCapacity, maxCapacity);
            live.incrementAndGet();
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            live.decrementAndGet();
        }
    }
}
