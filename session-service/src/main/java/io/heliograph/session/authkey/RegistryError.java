package io.heliograph.session.authkey;

import org.springframework.http.HttpStatus;

/**
 * Every way a call to {@code /internal/auth-keys} can fail: the HTTP status and the {@code error} of the JSON answer
 * {@code {"error": "...", "message": "..."}}. Nothing is written when a call fails.
 */
public enum RegistryError {

    /** The body is missing or is not the expected JSON. */
    BODY_INVALID(HttpStatus.BAD_REQUEST),
    /** The id is not a number, the key is not 256 bytes of base64, or the id is not the key's or the path's. */
    AUTH_KEY_INVALID(HttpStatus.BAD_REQUEST),
    /** A temporary key's expiry is past or more than a year ahead, or a permanent key's is not 0. */
    EXPIRES_AT_INVALID(HttpStatus.BAD_REQUEST),
    /** The key was made for another DC than this service's. */
    DC_INVALID(HttpStatus.BAD_REQUEST),
    /** The binding names no permanent key of this DC, or a permanent key is being bound. */
    PERM_AUTH_KEY_INVALID(HttpStatus.BAD_REQUEST),
    /** A connection record field is out of bounds. */
    CONNECTION_INVALID(HttpStatus.BAD_REQUEST),
    /** No such key in this DC (never registered, destroyed or expired). */
    AUTH_KEY_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** The key exists but no connection was recorded for it. */
    CONNECTION_NOT_FOUND(HttpStatus.NOT_FOUND),
    /** The id is registered with another key, or the same key with another lifetime. */
    AUTH_KEY_CONFLICT(HttpStatus.CONFLICT);

    private final HttpStatus status;

    RegistryError(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    public RegistryException exception(String message) {
        return new RegistryException(this, message);
    }
}
