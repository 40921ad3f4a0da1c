package io.heliograph.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a {@code @SpringBootTest} at the real test Kafka and Cassandra ({@link TestInfrastructure}), in this JVM's
 * namespace. The service under test still reads its own {@code <service>.yml}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealInfrastructure {
}
