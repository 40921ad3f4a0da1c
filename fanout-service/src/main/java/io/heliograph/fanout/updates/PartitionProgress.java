package io.heliograph.fanout.updates;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The commit rule of one {@code updates} partition: records in offset order with their deliveries in flight; the
 * committable offset moves past a record only when every delivery of it and of every record before it has been
 * acknowledged (or given up for good). A record with a failed delivery asks for the partition to be read again from
 * it once everything sent after it has settled, at most {@code retries} times. Used by the consumer thread; the
 * producer's callbacks only touch {@link InFlight}.
 */
final class PartitionProgress {

    /** The deliveries of one record. */
    static final class InFlight {
        final long offset;
        final long timestamp;
        private final AtomicInteger pending;
        private final AtomicInteger failed = new AtomicInteger();
        private final Set<String> failedTopics = ConcurrentHashMap.newKeySet();

        InFlight(long offset, long timestamp, int deliveries) {
            this.offset = offset;
            this.timestamp = timestamp;
            this.pending = new AtomicInteger(deliveries);
        }

        /** One delivery is acknowledged, or given up for good. */
        void done() {
            pending.decrementAndGet();
        }

        /** One delivery failed in a way another attempt may mend. */
        void failed(String topic) {
            failedTopics.add(topic);
            failed.incrementAndGet();
            pending.decrementAndGet();
        }

        boolean settled() {
            return pending.get() <= 0;
        }

        int failures() {
            return failed.get();
        }

        Set<String> failedTopics() {
            return failedTopics;
        }
    }

    /** What {@link #settle} found at the head. */
    sealed interface Step {
    }

    /** Nothing to do (or waiting for deliveries in flight). */
    record Wait() implements Step {
    }

    /** Read the partition again from this record; the deliveries after it have all settled. */
    record Rewind(InFlight record) implements Step {
    }

    /** The head's failed deliveries have had all their retries: counted dropped, then the partition moved on. */
    record GaveUp(InFlight record) implements Step {
    }

    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private final int retries;
    private long committable = -1;
    private long committed = -1;
    private long retryOffset = -1;
    private int retried;
    private boolean rewinding;
    private boolean caughtUp;
    private long pausedUntil;

    PartitionProgress(int retries) {
        this.retries = retries;
    }

    InFlight begin(long offset, long timestamp, int deliveries) {
        InFlight f = new InFlight(offset, timestamp, deliveries);
        inFlight.addLast(f);
        return f;
    }

    /**
     * Moves the committable offset past every settled record at the head. Stops at a head with failed deliveries:
     * it is retried once everything after it has settled (records read meanwhile are ignored, see {@link #accepting}),
     * or given up after its retries.
     */
    Step settle() {
        while (!inFlight.isEmpty()) {
            InFlight head = inFlight.peekFirst();
            if (!head.settled()) {
                return new Wait();
            }
            if (head.failures() > 0) {
                if (head.offset == retryOffset && retried >= retries) {
                    inFlight.removeFirst();
                    committable = head.offset + 1;
                    retryOffset = -1;
                    retried = 0;
                    return new GaveUp(head);
                }
                rewinding = true;
                if (!inFlight.stream().allMatch(InFlight::settled)) {
                    return new Wait();
                }
                retried = head.offset == retryOffset ? retried + 1 : 1;
                retryOffset = head.offset;
                inFlight.clear();
                return new Rewind(head);
            }
            inFlight.removeFirst();
            committable = head.offset + 1;
        }
        return new Wait();
    }

    /** The partition is read again from where the rewind sought it. */
    void rewound(long resumeAt) {
        rewinding = false;
        pausedUntil = resumeAt;
    }

    /** Whether records read now may be handled: presence caught up, no failure waiting for its rewind. */
    boolean accepting() {
        return caughtUp && !rewinding;
    }

    /** Whether the consumer should fetch this partition at {@code now} (epoch millis). */
    boolean fetching(long now) {
        return accepting() && now >= pausedUntil;
    }

    void caughtUp() {
        caughtUp = true;
    }

    boolean isCaughtUp() {
        return caughtUp;
    }

    /** The offset to commit when it moved since the last commit, else -1. */
    long toCommit() {
        return committable > committed ? committable : -1;
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    boolean idle() {
        return inFlight.isEmpty();
    }
}
