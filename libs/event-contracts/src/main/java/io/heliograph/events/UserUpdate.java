package io.heliograph.events;

import java.util.Objects;

/**
 * Updates for one user, in the order of that user's pts (or qts/seq for the kinds that use them).
 *
 * @param userId the recipient (the record key)
 * @param pts pts after the update, 0 when the update carries no pts
 * @param ptsCount number of pts events this update accounts for
 * @param updates TL bytes of an {@code Updates} object (newest layer)
 * @param excludeAuthKeyId a device that already has it (the sender's own answer), 0 for none
 */
public record UserUpdate(long userId, int pts, int ptsCount, byte[] updates, long excludeAuthKeyId) implements Event {

    public UserUpdate {
        Objects.requireNonNull(updates, "updates");
    }
}
