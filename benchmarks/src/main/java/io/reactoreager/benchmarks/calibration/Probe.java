package io.reactoreager.benchmarks.calibration;

import io.reactoreager.EagerOperator;

/**
 * One operator's calibration workload: {@link #run} performs one iteration of a pipeline of a
 * given size, built with the public {@code Eager} API so that the same code runs eager (switch
 * on) or stock (switch off).
 *
 * <ul>
 *   <li>{@link Shape#CHAIN}: {@code Mono.just(x).map(x -> x)} then {@code size} steps of the
 *       operator, then one subscription (the head map makes the stock input a non-scalar operator,
 *       as it is inside a real chain). The figure is the slope per step between two lengths, so the head
 *       subscription, the final subscription and the first step after {@code Mono.just} (where
 *       stock Reactor has scalar shortcuts) cancel out: it is the cost of a step inside a chain.</li>
 *   <li>{@link Shape#SOURCE}: {@code size} independent pipelines made by the operator, each
 *       subscribed (or observed) once; the slope is the cost of one.</li>
 *   <li>{@link Shape#JOIN}: {@code size} nested joins of {@link #arity} children (the previous
 *       level and {@code arity - 1} {@code Mono.just}); the slope is the cost of one join of that
 *       arity, and two arities give a per-join and a per-child figure.</li>
 * </ul>
 */
record Probe(EagerOperator operator, Shape shape, int arity, String workload, Body body) {

	enum Shape {CHAIN, SOURCE, JOIN}

	/** One iteration: {@code i} is the iteration index, {@code size} the number of steps. */
	@FunctionalInterface
	interface Body {
		void run(int i, int size);
	}

	Probe(EagerOperator operator, Shape shape, String workload, Body body) {
		this(operator, shape, 0, workload, body);
	}

	void run(int i, int size) {
		body.run(i, size);
	}
}
