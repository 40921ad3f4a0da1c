package io.heliograph.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where this service instance sits in the platform: its DC, the namespace of its topics and keyspaces, its instance
 * id, and how it provisions Kafka topics and Cassandra keyspaces.
 */
@Validated
@ConfigurationProperties("heliograph")
public record HeliographProperties(
        @Min(1) @Max(1000) @DefaultValue("1") int dc,
        @NotNull @Pattern(regexp = "[a-z0-9_]{0,24}") @DefaultValue("") String namespace,
        @NotBlank @Pattern(regexp = "[a-zA-Z0-9_-]{1,64}") @DefaultValue("0") String instanceId,
        @Valid @NotNull @DefaultValue Kafka kafka,
        @Valid @NotNull @DefaultValue Cassandra cassandra) {

    /** Kafka topic provisioning and the readiness check. */
    public record Kafka(
            @Min(1) @Max(10_000) @DefaultValue("8") int partitions,
            @Min(1) @Max(7) @DefaultValue("1") short replicationFactor,
            @NotNull @DefaultValue("3s") Duration healthTimeout) {
    }

    /** Keyspace replication and schema migration. */
    public record Cassandra(
            @NotBlank @DefaultValue("{'class': 'SimpleStrategy', 'replication_factor': 1}") String replication,
            @DefaultValue("true") boolean migrate) {
    }
}
