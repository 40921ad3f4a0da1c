package io.heliograph.mtproto.session;

/**
 * An RPC failed with a Telegram error: code and TYPE (e.g. 400 PHONE_CODE_INVALID, 420 FLOOD_WAIT_30); the session
 * answers it as {@code rpc_error}.
 *
 * @see <a href="https://core.telegram.org/api/errors">Error handling</a>
 */
public final class RpcException extends RuntimeException {

    private final int code;
    private final String type;

    public RpcException(int code, String type) {
        super(code + " " + type, null, false, false);
        this.code = code;
        this.type = type;
    }

    public int code() {
        return code;
    }

    public String type() {
        return type;
    }
}
