package io.heliograph.platform.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.platform.PlatformAutoConfiguration;
import io.heliograph.tl.api.HelpGetNearestDc;
import io.heliograph.tl.api.NearestDc;
import io.heliograph.tl.api.TNearestDc;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

class RpcAutoConfigurationTest {

    final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PlatformAutoConfiguration.class, RpcAutoConfiguration.class));

    @Configuration(proxyBeanMethods = false)
    static class TwoMethods {

        @Bean
        RpcMethod<HelpGetNearestDc, TNearestDc> nearestDc() {
            return new RpcEndpointTest.Method<>(HelpGetNearestDc.class, (c, x) -> Mono.just(new NearestDc("", 1, 1)));
        }

        @Bean
        RpcMethod<HelpGetNearestDc, TNearestDc> nearestDcAgain() {
            return new RpcEndpointTest.Method<>(HelpGetNearestDc.class, (c, x) -> Mono.empty());
        }
    }

    @Test
    void everyReactiveServiceGetsTheEndpointUnlessItTurnsItOff() {
        reactive.run(ctx -> {
            assertThat(ctx).hasSingleBean(RpcEndpoint.class).hasBean("heliographRpcRoute");
            assertThat(ctx.getBean(RpcMethods.class).names()).isEmpty();
            assertThat(ctx.getBean(RpcServerProperties.class).maxRequestSize().toMegabytes()).isEqualTo(1);
        });
        reactive.withPropertyValues("heliograph.rpc.server.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(RpcEndpoint.class));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PlatformAutoConfiguration.class, RpcAutoConfiguration.class))
                .run(ctx -> assertThat(ctx).doesNotHaveBean(RpcEndpoint.class));
    }

    @Test
    void twoBeansForOneFunctionStopTheStart() {
        reactive.withUserConfiguration(TwoMethods.class).run(ctx -> assertThat(ctx).hasFailed()
                .getFailure().rootCause().hasMessageContaining("two RpcMethod beans handle HelpGetNearestDc"));
    }

    @Test
    void anAbsurdRequestSizeStopsTheStart() {
        reactive.withPropertyValues("heliograph.rpc.server.max-request-size=1GB").run(ctx -> assertThat(ctx).hasFailed()
                .getFailure().rootCause().hasMessageContaining("max-request-size must be within"));
    }
}
