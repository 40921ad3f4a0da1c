package io.heliograph.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Adds the platform defaults (probes, metrics, graceful shutdown, logging) below every other property source, and
 * turns the role switch {@code heliograph.cassandra.enabled} into the matching auto-configuration exclusions, so a
 * service without Cassandra never opens a session even when the driver is on the classpath (as in standalone).
 */
public class PlatformEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final List<String> CASSANDRA_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration",
            "org.springframework.boot.cassandra.autoconfigure.health.CassandraHealthContributorAutoConfiguration",
            "org.springframework.boot.cassandra.autoconfigure.health.CassandraReactiveHealthContributorAutoConfiguration",
            "org.springframework.boot.data.cassandra.autoconfigure.DataCassandraAutoConfiguration",
            "org.springframework.boot.data.cassandra.autoconfigure.DataCassandraReactiveAutoConfiguration",
            "org.springframework.boot.data.cassandra.autoconfigure.DataCassandraRepositoriesAutoConfiguration",
            "org.springframework.boot.data.cassandra.autoconfigure.DataCassandraReactiveRepositoriesAutoConfiguration",
            "io.heliograph.platform.cassandra.CassandraPlatformAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new PropertiesPropertySource("heliographPlatformDefaults",
                    PropertiesLoaderUtils.loadProperties(new ClassPathResource("heliograph-platform-defaults.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!environment.getProperty("heliograph.cassandra.enabled", Boolean.class, true)) {
            List<String> excluded = new ArrayList<>(CASSANDRA_AUTO_CONFIGURATIONS);
            String existing = environment.getProperty("spring.autoconfigure.exclude");
            if (existing != null && !existing.isBlank()) {
                excluded.add(existing);
            }
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("spring.autoconfigure.exclude", String.join(",", excluded));
            map.put("management.health.cassandra.enabled", "false");
            environment.getPropertySources().addFirst(new MapPropertySource("heliographRoleExclusions", map));
        }
    }
}
