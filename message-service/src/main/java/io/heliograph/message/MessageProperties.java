package io.heliograph.message;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * message-service settings ({@code heliograph.message.*}).
 *
 * @param sessionUrl this DC's session-service, which checks and shows users ({@code /internal/users/lookup})
 * @param lookupTimeout how long a user lookup may take before the command is retried
 * @param userCacheTtl how long a user as a viewer sees them is reused (names and photos change rarely)
 * @param writerThreads box-commands partitions applied in parallel (each partition stays sequential)
 * @param differenceLimit updates per {@code updates.getDifference} slice
 * @param differenceTooLong a client this many pts behind gets {@code updates.differenceTooLong}
 */
@ConfigurationProperties("heliograph.message")
public record MessageProperties(
        @DefaultValue("http://127.0.0.1:8081") URI sessionUrl,
        @DefaultValue("5s") Duration lookupTimeout,
        @DefaultValue("30s") Duration userCacheTtl,
        @DefaultValue("4") int writerThreads,
        @DefaultValue("100") int differenceLimit,
        @DefaultValue("10000") int differenceTooLong) {
}
