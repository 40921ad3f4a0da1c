package io.heliograph.platform.rpc;

/**
 * The internal request/response hop from the gateway to the service that owns an API method: {@code POST
 * /internal/rpc} with the function's TL bytes (newest layer, boxed) as the body and the caller's context in these
 * headers. The answer is TL bytes too: the result object, or an {@code rpc_error}. Served by {@link RpcEndpoint}; see
 * docs/architecture.md, "Internal APIs".
 */
public final class RpcHeaders {

    public static final String PATH = "/internal/rpc";
    public static final String MEDIA_TYPE = "application/vnd.heliograph.tl";

    /** The auth key the call arrived under (a temporary key when the client uses PFS). */
    public static final String AUTH_KEY_ID = "X-Heliograph-Auth-Key-Id";
    /** The permanent auth key whose identity the call carries. */
    public static final String PERM_AUTH_KEY_ID = "X-Heliograph-Perm-Auth-Key-Id";
    public static final String SESSION_ID = "X-Heliograph-Session-Id";
    public static final String MSG_ID = "X-Heliograph-Msg-Id";
    /** The layer the client speaks; the body is already in the newest layer. */
    public static final String LAYER = "X-Heliograph-Layer";
    /** The user the permanent key is authorized as; absent or 0 before login. */
    public static final String USER_ID = "X-Heliograph-User-Id";
    public static final String DC = "X-Heliograph-Dc";
    public static final String CLIENT_IP = "X-Heliograph-Client-Ip";
    /** The gateway instance holding the session. */
    public static final String GATEWAY = "X-Heliograph-Gateway";
    /** initConnection fields; string values percent-encoded UTF-8. */
    public static final String API_ID = "X-Heliograph-Api-Id";
    public static final String DEVICE_MODEL = "X-Heliograph-Device-Model";
    public static final String SYSTEM_VERSION = "X-Heliograph-System-Version";
    public static final String APP_VERSION = "X-Heliograph-App-Version";
    public static final String SYSTEM_LANG_CODE = "X-Heliograph-System-Lang-Code";
    public static final String LANG_PACK = "X-Heliograph-Lang-Pack";
    public static final String LANG_CODE = "X-Heliograph-Lang-Code";

    /** Response header: the user the permanent key is now authorized as (0: none), sent when the call changed it. */
    public static final String AUTHORIZED_USER = "X-Heliograph-Authorized-User";

    private RpcHeaders() {
    }
}
