package io.heliograph.gateway;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's device-facing listeners, its RSA key, its limits, where each API namespace is served and which DCs
 * {@code help.getConfig} names.
 *
 * @param tcpHost address the MTProto TCP listener binds (every stream transport and HTTP {@code POST /api})
 * @param tcpPort its port; 0 picks a free port
 * @param wsPort port of the MTProto WebSocket listener ({@code /apiws}); 0 picks a free port, -1 disables it
 * @param rsaKeyPath the server's RSA private key (PKCS#8 PEM), created on first start; its public key is written
 *     beside it as {@code <name>.pub.pem} (PKCS#1), the file clients are given
 * @param idleTimeout a connection that sends nothing for this long is closed (clients ping well within it)
 * @param sessionLifetime a session without a connection is kept (with what is pushed to it) this long
 * @param maxConnectionsPerIp connections from one address beyond this get transport error -429
 * @param maxConnections connections beyond this, from anyone, get -429
 * @param maxPendingWrite bytes queued for a connection that does not read; beyond it the connection is closed
 * @param slowReaderTimeout how long a connection may stay unwritable (the client does not read) before it is closed
 * @param rpcTimeout how long a call to an owning service may take before the client gets {@code -503 Timeout}
 * @param flood the per-user, per-method rate limit ({@code FLOOD_WAIT_X})
 * @param handshakeFlood unencrypted (key exchange) messages one address may send: per second and at once; beyond it
 *     the connection gets -429 (each exchange costs the server two 2048-bit exponentiations)
 * @param services base URL of each service that owns API methods (session, message, media, bot-api, secret-chat)
 * @param dcs every DC of the platform as clients reach it, for {@code help.getConfig}
 */
@Validated
@ConfigurationProperties("heliograph.gateway")
public record GatewayProperties(
        @NotBlank @DefaultValue("0.0.0.0") String tcpHost,
        @Min(0) @Max(65535) @DefaultValue("0") int tcpPort,
        @Min(-1) @Max(65535) @DefaultValue("0") int wsPort,
        @NotNull @DefaultValue("var/keys/server-rsa.pem") Path rsaKeyPath,
        @NotNull @DefaultValue("120s") Duration idleTimeout,
        @NotNull @DefaultValue("30m") Duration sessionLifetime,
        @Min(1) @DefaultValue("1000") int maxConnectionsPerIp,
        @Min(1) @DefaultValue("200000") int maxConnections,
        @Min(65536) @DefaultValue("8388608") int maxPendingWrite,
        @NotNull @DefaultValue("30s") Duration slowReaderTimeout,
        @NotNull @DefaultValue("30s") Duration rpcTimeout,
        @Valid @NotNull @DefaultValue Flood flood,
        @Valid @NotNull @DefaultValue HandshakeFlood handshakeFlood,
        @NotNull @DefaultValue Map<String, URI> services,
        @Valid @NotNull @DefaultValue List<DcAddress> dcs) {

    /**
     * Token buckets per user (or, before login, per auth key) and method.
     *
     * @param perSecond sustained calls per second of one method
     * @param burst calls of one method allowed at once
     * @param methods per-method overrides by TL name, e.g. {@code auth.sendCode}
     */
    public record Flood(@Min(1) @DefaultValue("20") double perSecond, @Min(1) @DefaultValue("40") int burst,
            @NotNull @DefaultValue Map<String, Rate> methods) {
    }

    public record Rate(@Min(0) double perSecond, @Min(1) int burst) {
    }

    /** Unencrypted messages per address (three per key exchange). */
    public record HandshakeFlood(@Min(0) @DefaultValue("30") double perSecond, @Min(1) @DefaultValue("300") int burst) {
    }

    /**
     * A DC as clients reach it.
     *
     * @param ipv6 when the host is an IPv6 address
     */
    public record DcAddress(@Min(1) @Max(1000) int id, @NotBlank String host, @Min(1) @Max(65535) int tcpPort,
            @Min(0) @Max(65535) @DefaultValue("0") int wsPort, @DefaultValue("false") boolean ipv6) {
    }
}
