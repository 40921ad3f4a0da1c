package io.heliograph.session.dcs;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The DC rules, built (and checked) once from {@link DcProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DcProperties.class)
class DcConfiguration {

    @Bean
    HomeDcRules homeDcRules(DcProperties properties) {
        return new HomeDcRules(properties);
    }
}
