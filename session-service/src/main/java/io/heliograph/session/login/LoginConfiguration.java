package io.heliograph.session.login;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Login's properties and the default (logging) code sender. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LoginProperties.class, OperatorProperties.class})
class LoginConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CodeSender codeSender() {
        return new LoggingCodeSender();
    }
}
