package io.heliograph.tl.schema;

/**
 * One parameter of a combinator. A conditional parameter names its flags field and bit ({@code flags.3?string});
 * otherwise {@code flagField} is null and {@code flagBit} is -1.
 */
public record TlParam(String name, TlTypeRef type, String flagField, int flagBit) {

    public boolean conditional() {
        return flagField != null;
    }

    /** A {@code name:#} field: holds the bits of the conditional fields that follow it. */
    public boolean isFlags() {
        return type.isBuiltin("#");
    }

    /** A {@code flags.N?true} field: present as a bit only. */
    public boolean isTrueFlag() {
        return conditional() && type.isBuiltin("true");
    }
}
