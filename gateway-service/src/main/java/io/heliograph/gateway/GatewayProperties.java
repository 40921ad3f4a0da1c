package io.heliograph.gateway;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's device-facing listener and its RSA key.
 *
 * @param tcpHost address the MTProto TCP listener binds
 * @param tcpPort port of the MTProto TCP listener (all transports on one port); 0 picks a free port
 * @param rsaKeyPath the server's RSA private key (PKCS#8 PEM), created on first start; its public key is written
 *     beside it as {@code <name>.pub.pem} (PKCS#1), the file clients are given
 */
@Validated
@ConfigurationProperties("heliograph.gateway")
public record GatewayProperties(
        @NotBlank @DefaultValue("0.0.0.0") String tcpHost,
        @Min(0) @Max(65535) @DefaultValue("0") int tcpPort,
        @NotNull @DefaultValue("var/keys/server-rsa.pem") Path rsaKeyPath) {
}
