package io.heliograph.benchmarks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The bytes one invocation of a benchmark processes, so that {@link BenchmarkMain} also prints MB/s (10^6 bytes). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BytesPerOp {

    int value();
}
