package io.heliograph.platform.rpc;

import io.heliograph.platform.DcContext;
import io.heliograph.platform.PlatformAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Routes {@code POST /internal/rpc} to the service's {@link RpcMethod} beans (see {@link RpcEndpoint}). */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "heliograph.rpc.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RpcServerProperties.class)
public class RpcAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RpcAutoConfiguration.class);

    @Bean
    RpcMethods rpcMethods(ObjectProvider<RpcMethod<?, ?>> methods) {
        RpcMethods registry = new RpcMethods(methods.orderedStream().toList());
        log.info("{} answers {} API method(s): {}", RpcHeaders.PATH, registry.names().size(), registry.names());
        return registry;
    }

    @Bean
    RpcEndpoint rpcEndpoint(RpcMethods methods, DcContext dc, RpcServerProperties properties,
            ObjectProvider<MeterRegistry> registry) {
        return new RpcEndpoint(methods, dc.dc(), (int) properties.maxRequestSize().toBytes(),
                registry.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    RouterFunction<ServerResponse> heliographRpcRoute(RpcEndpoint endpoint) {
        return RouterFunctions.route(RequestPredicates.POST(RpcHeaders.PATH), endpoint);
    }
}
