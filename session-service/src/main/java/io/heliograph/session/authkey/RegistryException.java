package io.heliograph.session.authkey;

/** A refused call to the auth key registry; {@link AuthKeyController} answers it as JSON with its status. */
public final class RegistryException extends RuntimeException {

    private final RegistryError error;

    RegistryException(RegistryError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public RegistryError error() {
        return error;
    }
}
