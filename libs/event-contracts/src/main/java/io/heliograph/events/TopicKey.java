package io.heliograph.events;

/**
 * What a topic's records are keyed by, and so what decides their partition. Records of one key are totally ordered;
 * the consumer that owns the partition is the single writer of that key's sequences.
 */
public enum TopicKey {
    /** The owner of a message box: a user id (private chats, basic groups) or a channel id. Decimal string. */
    BOX_OWNER,
    /** A user id, decimal string. Partition = {@link Partitioning#partitionFor(long, int)} of the user id. */
    USER,
    /** {@code userId:authKeyId:sessionId}; partitioned by the user id alone, so it co-partitions with USER topics. */
    USER_SESSION,
    /** A channel id, decimal string. */
    CHANNEL,
    /** An auth key id (a device), decimal string; partitioned by the owning user id. */
    DEVICE,
    /** A file id, decimal string. */
    FILE,
    /** A session's auth key id, decimal string, on a topic read by one gateway instance. */
    GATEWAY_SESSION
}
