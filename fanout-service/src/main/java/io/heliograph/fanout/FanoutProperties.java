package io.heliograph.fanout;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How fan-out reads {@code updates} and writes the gateways' deliveries topics.
 *
 * @param pollTimeout the longest one poll of the consumer waits for records
 * @param commitInterval how often acknowledged progress is committed (always also on revocation and stop)
 * @param deliveryTimeout the producer's {@code delivery.timeout.ms}: how long one attempt of a delivery may take
 * @param deliveryRetries how often a record whose deliveries failed is read and sent again before its failed
 *     deliveries are dropped (counted as {@code outcome=dropped})
 * @param retryBackoff the pause of a partition before it reads a failed record again
 * @param quarantine how long a deliveries topic that failed past its retries (or could not be created) is skipped
 * @param adminTimeout the bound on creating or describing a deliveries topic, and the producer's {@code max.block.ms}
 */
@Validated
@ConfigurationProperties("heliograph.fanout")
public record FanoutProperties(
        @NotNull @DefaultValue("500ms") Duration pollTimeout,
        @NotNull @DefaultValue("1s") Duration commitInterval,
        @NotNull @DefaultValue("30s") Duration deliveryTimeout,
        @Min(0) @Max(100) @DefaultValue("3") int deliveryRetries,
        @NotNull @DefaultValue("1s") Duration retryBackoff,
        @NotNull @DefaultValue("1m") Duration quarantine,
        @NotNull @DefaultValue("10s") Duration adminTimeout) {
}
