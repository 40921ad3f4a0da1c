package io.heliograph.session.password;

import java.math.BigInteger;

/**
 * One SRP challenge of {@code account.getPassword}: {@code srp_id}, the secret {@code b} and {@code srp_B}, made for the
 * password whose {@code salt1} is {@code passwordSalt1}.
 *
 * @param ttlSeconds the seconds it has left (as read; the full TTL when just made)
 */
record SrpChallenge(long srpId, BigInteger b, byte[] srpB, byte[] passwordSalt1, int ttlSeconds) {
}
