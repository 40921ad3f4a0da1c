package io.heliograph.tl;

/** A TL value could not be read: truncated input, a length over its bound, or an unknown constructor. */
public class TlDecodeException extends RuntimeException {

    public TlDecodeException(String message) {
        super(message);
    }
}
