package io.heliograph.session.login;

import java.time.Instant;

/**
 * A login code sent to a phone, identified by its {@code phone_code_hash}. {@code attempts} counts codes tried
 * against it; {@code verified} is set once the right code was given for a phone without a user (sign-up allowed).
 */
public record LoginCode(String phone, String hash, String code, Instant sentAt, Instant expiresAt, int attempts,
        boolean verified) {

    @Override
    public String toString() {
        return "LoginCode[phone=" + phone + ", hash=" + hash + ", sentAt=" + sentAt + ", attempts=" + attempts + "]";
    }
}
