package io.heliograph.platform.rpc;

import io.heliograph.events.DcId;
import io.heliograph.events.UserId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriUtils;

/**
 * Who made an API call and how, as the gateway tells it in the {@link RpcHeaders} of {@code POST /internal/rpc}.
 * {@code permAuthKeyId} is {@link AuthKeyId#NONE} for an unbound temporary key, {@code userId} 0 before login.
 * {@link #reply()} is where a handler records what the answer must carry besides its result.
 */
public record RpcContext(AuthKeyId authKeyId, AuthKeyId permAuthKeyId, long sessionId, long msgId, long userId, DcId dc,
        String clientIp, String gateway, ConnectionRecord connection, RpcReply reply) {

    /** The longest plain (not percent-encoded) header value accepted. */
    static final int MAX_PLAIN_LENGTH = 256;

    /**
     * Reads the context from request headers. Required: auth key id, session id, msg id, layer and DC; the rest
     * default to 0 or empty. Numbers are signed decimal; initConnection strings percent-encoded UTF-8.
     *
     * @throws RpcHeaderException naming the header that is missing or malformed
     */
    public static RpcContext fromHeaders(HttpHeaders headers) {
        long authKeyId = requiredLong(headers, RpcHeaders.AUTH_KEY_ID);
        long permAuthKeyId = optionalLong(headers, RpcHeaders.PERM_AUTH_KEY_ID, 0);
        long sessionId = requiredLong(headers, RpcHeaders.SESSION_ID);
        long msgId = requiredLong(headers, RpcHeaders.MSG_ID);
        if (msgId <= 0) {
            throw new RpcHeaderException(RpcHeaders.MSG_ID, "must be positive, got " + msgId);
        }
        long layer = requiredLong(headers, RpcHeaders.LAYER);
        if (layer < ConnectionRecord.MIN_LAYER || layer > ConnectionRecord.MAX_LAYER) {
            throw new RpcHeaderException(RpcHeaders.LAYER, "must be within " + ConnectionRecord.MIN_LAYER + ".."
                    + ConnectionRecord.MAX_LAYER + ", got " + layer);
        }
        long userId = optionalLong(headers, RpcHeaders.USER_ID, 0);
        if (userId < 0) {
            throw new RpcHeaderException(RpcHeaders.USER_ID, "must not be negative, got " + userId);
        }
        long dc = requiredLong(headers, RpcHeaders.DC);
        if (dc < 1 || dc > DcId.MAX) {
            throw new RpcHeaderException(RpcHeaders.DC, "must be within 1.." + DcId.MAX + ", got " + dc);
        }
        long apiId = optionalLong(headers, RpcHeaders.API_ID, 0);
        if (apiId < 0 || apiId > Integer.MAX_VALUE) {
            throw new RpcHeaderException(RpcHeaders.API_ID, "must be within 0.." + Integer.MAX_VALUE + ", got " + apiId);
        }
        ConnectionRecord connection = new ConnectionRecord((int) layer, (int) apiId,
                decoded(headers, RpcHeaders.DEVICE_MODEL),
                decoded(headers, RpcHeaders.SYSTEM_VERSION),
                decoded(headers, RpcHeaders.APP_VERSION),
                decoded(headers, RpcHeaders.SYSTEM_LANG_CODE),
                decoded(headers, RpcHeaders.LANG_PACK),
                decoded(headers, RpcHeaders.LANG_CODE));
        return new RpcContext(AuthKeyId.of(authKeyId), AuthKeyId.of(permAuthKeyId), sessionId, msgId, userId,
                DcId.of((int) dc), plain(headers, RpcHeaders.CLIENT_IP), plain(headers, RpcHeaders.GATEWAY), connection,
                new RpcReply());
    }

    /** The layer the client speaks (the call itself is already in the newest layer). */
    public int layer() {
        return connection.layer();
    }

    public int apiId() {
        return connection.apiId();
    }

    public boolean loggedIn() {
        return userId != 0;
    }

    public Optional<UserId> user() {
        return loggedIn() ? Optional.of(UserId.of(userId)) : Optional.empty();
    }

    /** The logged-in user, or {@code 401 AUTH_KEY_UNREGISTERED} as Telegram answers calls that need a login. */
    public UserId requireUser() {
        if (!loggedIn()) {
            throw RpcException.unauthorized("AUTH_KEY_UNREGISTERED");
        }
        return UserId.of(userId);
    }

    /** This call logged the permanent key in as {@code user}: the answer carries {@link RpcHeaders#AUTHORIZED_USER}. */
    public void authorize(UserId user) {
        reply.authorizedUser(user.value());
    }

    /** This call logged the permanent key out: the answer carries {@link RpcHeaders#AUTHORIZED_USER} 0. */
    public void logOut() {
        reply.authorizedUser(0);
    }

    private static String single(HttpHeaders headers, String name) {
        List<String> values = headers.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new RpcHeaderException(name, "sent " + values.size() + " times, expected once");
        }
        return values.get(0).strip();
    }

    private static long requiredLong(HttpHeaders headers, String name) {
        String value = single(headers, name);
        if (value == null || value.isEmpty()) {
            throw new RpcHeaderException(name, "required");
        }
        return parseLong(name, value);
    }

    private static long optionalLong(HttpHeaders headers, String name, long absent) {
        String value = single(headers, name);
        return value == null || value.isEmpty() ? absent : parseLong(name, value);
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new RpcHeaderException(name, "not a signed decimal 64-bit number: '" + abbreviate(value) + "'");
        }
    }

    private static String plain(HttpHeaders headers, String name) {
        String value = single(headers, name);
        if (value == null) {
            return "";
        }
        if (value.length() > MAX_PLAIN_LENGTH) {
            throw new RpcHeaderException(name, "longer than " + MAX_PLAIN_LENGTH + " characters");
        }
        return value;
    }

    private static String decoded(HttpHeaders headers, String name) {
        String value = single(headers, name);
        if (value == null) {
            return "";
        }
        // a character is at most 4 UTF-8 bytes of 3 characters ("%XX") each; the decoded length is checked below
        if (value.length() > 4 * 3 * ConnectionRecord.MAX_STRING_LENGTH) {
            throw new RpcHeaderException(name, "too long");
        }
        String text;
        try {
            text = UriUtils.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RpcHeaderException(name, "not percent-encoded UTF-8: '" + abbreviate(value) + "'");
        }
        if (text.length() > ConnectionRecord.MAX_STRING_LENGTH) {
            throw new RpcHeaderException(name, "longer than " + ConnectionRecord.MAX_STRING_LENGTH
                    + " characters once decoded");
        }
        return text;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
