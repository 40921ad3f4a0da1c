package io.heliograph.platform.rpc;

/** A context header of {@code POST /internal/rpc} is missing or malformed; the endpoint answers HTTP 400. */
public final class RpcHeaderException extends IllegalArgumentException {

    private final String header;

    public RpcHeaderException(String header, String problem) {
        super(header + ": " + problem);
        this.header = header;
    }

    public String header() {
        return header;
    }
}
