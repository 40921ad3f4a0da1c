package io.heliograph.benchmarks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The baselines {@link BenchmarkMain} prints a benchmark's throughput against, as {@code score / baseline}: a method
 * name of the same class ({@code "aesEcb4KiBBaseline"}) or {@code Class.method} of another class in this package. The
 * baseline must have run in the same invocation, otherwise its ratio is shown as {@code -}. Without this annotation a
 * benchmark is compared to the single method of its class whose name ends in {@code Baseline}, if there is one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ComparedTo {

    String[] value();
}
