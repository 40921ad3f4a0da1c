package io.heliograph.fanout.presence;

/** One online session of a user: its auth key, session id and the gateway instance holding its connection. */
public record OnlineSession(long authKeyId, long sessionId, String gatewayInstance) {
}
