package io.heliograph.events;

/**
 * Chooses partitions from entity ids rather than key bytes, so topics keyed by a user (updates, presence, secret
 * chat deliveries) are co-partitioned: the consumer instance owning a user's partition owns that user everywhere.
 */
public final class Partitioning {

    private Partitioning() {
    }

    /** A stable partition for an entity id: murmur-style mixing, then modulo. */
    public static int partitionFor(long entityId, int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive");
        }
        long h = entityId;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) Long.remainderUnsigned(h, partitions);
    }
}
