package io.heliograph.session.password;

import io.heliograph.events.UserId;

/**
 * A user's row of {@code two_step_passwords}: the salts offered for a new password and, if one is set, the password.
 *
 * @param current the password, null when none is set
 * @param hint the password's hint, null or empty when none
 * @param email the recovery email as the client gave it (unconfirmed, unused), null when none
 */
record StoredPassword(UserId user, byte[] newSalt1, byte[] newSalt2, byte[] newSecureSalt, Current current, String hint,
        String email) {

    /** The current password: its {@code current_algo} (salts, g, p) and verifier {@code v = g^x mod p}. */
    record Current(byte[] salt1, byte[] salt2, int g, byte[] p, byte[] verifier) {
    }

    boolean hasPassword() {
        return current != null;
    }
}
