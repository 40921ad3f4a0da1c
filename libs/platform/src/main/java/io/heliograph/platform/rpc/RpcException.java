package io.heliograph.platform.rpc;

import java.util.regex.Pattern;

/**
 * An API call failed with a Telegram error, code and TYPE (400 PHONE_CODE_INVALID, 420 FLOOD_WAIT_30, ...): an
 * {@link RpcMethod} signals it as the error of its {@code Mono}, and {@code POST /internal/rpc} answers it as
 * {@code rpc_error}. Any other exception answers {@code 500 INTERNAL}.
 *
 * @see <a href="https://core.telegram.org/api/errors">Error handling</a>
 */
public final class RpcException extends RuntimeException {

    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,127}");

    private final int code;
    private final String type;

    public RpcException(int code, String type) {
        super(code + " " + type, null, false, false);
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("RPC error type must be UPPER_SNAKE_CASE, got " + type);
        }
        this.code = code;
        this.type = type;
    }

    public static RpcException badRequest(String type) {
        return new RpcException(400, type);
    }

    /** {@code 403}: the caller may not do this (e.g. {@code CHAT_WRITE_FORBIDDEN}). */
    public static RpcException forbidden(String type) {
        return new RpcException(403, type);
    }

    public static RpcException unauthorized(String type) {
        return new RpcException(401, type);
    }

    public int code() {
        return code;
    }

    public String type() {
        return type;
    }
}
