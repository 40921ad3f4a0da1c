package io.heliograph.events;

/** A record could not be decoded: not JSON, an unknown type, an unsupported version or a missing field. */
public final class EventDecodeException extends RuntimeException {

    public EventDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
