package io.heliograph.testsupport;

import java.util.List;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Applies {@link RealInfrastructure}: starts the servers if needed and sets the connection and namespace properties. */
public class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (TestContextAnnotationUtils.findMergedAnnotation(testClass, RealInfrastructure.class) == null) {
            return null;
        }
        return new Customizer();
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestInfrastructure.ensureRunning();
            TestPropertyValues.of(
                    "spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrap(),
                    "spring.cassandra.contact-points=" + TestInfrastructure.cassandraContact(),
                    "heliograph.namespace=" + TestInfrastructure.namespace(),
                    "heliograph.kafka.partitions=2")
                    .applyTo(context);
        }

        @Override
        public boolean equals(Object obj) {
            return obj instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
