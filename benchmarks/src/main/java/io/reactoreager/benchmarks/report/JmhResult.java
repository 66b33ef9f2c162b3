package io.reactoreager.benchmarks.report;

import java.util.Map;

/**
 * One row of a JMH JSON result file: which benchmark, with which parameters, and its primary score
 * and allocation ({@code gc.alloc.rate.norm}, present only when the run used {@code -prof gc}).
 *
 * @param className  the simple name of the benchmark class
 * @param method     the benchmark method, i.e. the implementation measured
 * @param params     JMH parameters in declaration order (empty when none)
 * @param score      primary score
 * @param error      primary score error (99.9% interval half-width; NaN when JMH had too few samples)
 * @param unit       primary score unit, e.g. {@code ops/s}
 * @param bytesPerOp {@code gc.alloc.rate.norm} in bytes per operation, NaN when not measured
 * @param bytesError its error
 */
public record JmhResult(String className, String method, Map<String, String> params, double score, double error,
		String unit, double bytesPerOp, double bytesError) {
}
