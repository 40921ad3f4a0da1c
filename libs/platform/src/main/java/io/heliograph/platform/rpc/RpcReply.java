package io.heliograph.platform.rpc;

import java.util.OptionalLong;

/**
 * The one mutable part of an {@link RpcContext}: what a handler adds to the HTTP answer besides its result. Today that
 * is the user the permanent auth key is now authorized as ({@link RpcHeaders#AUTHORIZED_USER}), which the gateway
 * caches for the key's later calls. It is sent only with a result, never with an {@code rpc_error}.
 */
public final class RpcReply {

    private volatile long authorizedUser = -1;

    /** The call authorized the permanent key as {@code userId}, or logged it out with 0. */
    public void authorizedUser(long userId) {
        if (userId < 0) {
            throw new IllegalArgumentException("user id must not be negative, got " + userId);
        }
        this.authorizedUser = userId;
    }

    /** The user set by {@link #authorizedUser(long)}, empty when the call did not change the authorization. */
    public OptionalLong authorizedUser() {
        long user = authorizedUser;
        return user < 0 ? OptionalLong.empty() : OptionalLong.of(user);
    }

    @Override
    public String toString() {
        return "RpcReply[authorizedUser=" + authorizedUser() + "]";
    }
}
