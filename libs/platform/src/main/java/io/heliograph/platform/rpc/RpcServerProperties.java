package io.heliograph.platform.rpc;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The internal RPC endpoint ({@code heliograph.rpc.server.*}): on by default in every reactive web service; a
 * service without API methods that faces the internet (the gateway) turns it off.
 *
 * @param enabled whether {@code POST /internal/rpc} is routed
 * @param maxRequestSize the largest body read; a longer one answers {@code 400 INPUT_REQUEST_TOO_LONG}
 */
@ConfigurationProperties("heliograph.rpc.server")
public record RpcServerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1MB") DataSize maxRequestSize) {

    public static final DataSize MAX = DataSize.ofMegabytes(64);

    public RpcServerProperties {
        if (maxRequestSize.toBytes() < 4 || maxRequestSize.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("heliograph.rpc.server.max-request-size must be within 4B.." + MAX
                    + ", got " + maxRequestSize);
        }
    }
}
