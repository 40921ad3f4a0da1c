package io.heliograph.mtproto.session;

import io.heliograph.tl.TlFunction;

/**
 * One API call as the session layer hands it up: who made it (the auth key used, and the permanent key whose identity
 * it carries: itself, or the key a temporary key is bound to), in which layer, and the function already mapped to the
 * newest layer (wrappers such as invokeWithLayer and initConnection removed).
 */
public record RpcCall(long authKeyId, long permAuthKeyId, long sessionId, long msgId, int layer, ClientInfo client,
        TlFunction<?> function, String clientIp) {

    public RpcCall(long authKeyId, long permAuthKeyId, long sessionId, long msgId, int layer, ClientInfo client,
            TlFunction<?> function) {
        this(authKeyId, permAuthKeyId, sessionId, msgId, layer, client, function, "");
    }
}
