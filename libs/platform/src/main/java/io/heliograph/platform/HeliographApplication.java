package io.heliograph.platform;

import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a service under its own configuration name ({@code <service>.yml}), so several services can share one JVM
 * (the standalone launcher) without reading each other's configuration.
 */
public final class HeliographApplication {

    private HeliographApplication() {
    }

    public static SpringApplicationBuilder builder(Class<?> application, String serviceName) {
        return new SpringApplicationBuilder(application)
                .properties(Map.of("spring.config.name", serviceName, "spring.application.name", serviceName));
    }

    public static ConfigurableApplicationContext run(Class<?> application, String serviceName, String... args) {
        return builder(application, serviceName).run(args);
    }
}
