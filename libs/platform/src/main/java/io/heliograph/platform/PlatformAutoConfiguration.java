package io.heliograph.platform;

import io.heliograph.events.EventCodec;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** What every service gets: its {@link DcContext}, an injectable {@link Clock} and the event codec. */
@AutoConfiguration
@EnableConfigurationProperties(HeliographProperties.class)
public class PlatformAutoConfiguration {

    @Bean
    DcContext dcContext(HeliographProperties properties) {
        return DcContext.of(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }
}
