package io.reactoreager.benchmarks.chain;

import io.micronaut.core.execution.ExecutionFlow;
import io.reactoreager.Eager;
import io.reactoreager.EagerChain;
import io.reactoreager.benchmarks.EagerSwitch;
import io.reactoreager.benchmarks.LastValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What one more step costs: a chain of {@code steps} steps on a resolved value, {@code map},
 * {@code filter} and {@code flatMap} to a resolved value in rotation, assembled and read once per
 * operation. Fitting time and bytes per operation against the chain length by least squares
 * ({@link io.reactoreager.benchmarks.report.StepCost}) separates the marginal cost of a step
 * from the fixed cost of reading the result.
 *
 * <p>The step functions are built once and read {@code @State} fields ({@code delta},
 * {@code limit}), so that no implementation's chain can be folded by the JIT into arithmetic.
 * Every Mono variant is read with {@code block()}, and again subscribed by the same
 * allocation-free {@link LastValue} ({@code *Subscribed}). {@code CompletableFuture}, Micronaut's
 * {@code ExecutionFlow} and plain Java model empty as {@code null}, checked by every later step.
 * Values stay in the {@code Integer} cache. Not {@code final}: JMH generates subclasses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StepCostSweepBenchmark {

	@Param({"1", "5", "50"})
	public int steps;

	/** Fields, not constants: every step function reads one. */
	private int input = 7;
	private int delta = 1;
	private int limit = Integer.MIN_VALUE;

	private final LastValue subscriber = new LastValue();

	private final Function<Integer, Integer> inc = x -> x + delta;
	private final Predicate<Integer> keep = x -> x >= limit;
	private final Function<Integer, Mono<Integer>> incMono = x -> Mono.just(x + delta);

	/** The same steps with empty modelled as {@code null}. */
	private final Function<Integer, Integer> incOrNull = x -> x == null ? null : x + delta;
	private final Function<Integer, Integer> keepOrNull = x -> x == null || x < limit ? null : x;
	private final Function<Integer, CompletableFuture<Integer>> incFuture =
			x -> CompletableFuture.completedFuture(x == null ? null : x + delta);
	private final Function<Integer, ExecutionFlow<Integer>> incFlow = x -> ExecutionFlow.just(x == null ? null : x + delta);

	/** Lower bound: the steps as a loop over a boxed value in plain Java. */
	@Benchmark
	public Integer plain() {
		Integer x = input;
		for (int i = 0; i < steps; i++) {
			switch (i % 3) {
				case 0: x = incOrNull.apply(x); break;
				case 1: x = keepOrNull.apply(x); break;
				default: x = incOrNull.apply(x); break;
			}
		}
		return x;
	}

	/** {@code CompletableFuture}: a completed future, {@code thenApply} / {@code thenCompose}, {@code join()}. */
	@Benchmark
	public Integer completableFuture() {
		CompletableFuture<Integer> f = CompletableFuture.completedFuture(input);
		for (int i = 0; i < steps; i++) {
			switch (i % 3) {
				case 0: f = f.thenApply(incOrNull); break;
				case 1: f = f.thenApply(keepOrNull); break;
				default: f = f.thenCompose(incFuture); break;
			}
		}
		return f.join();
	}

	/** Micronaut {@code ExecutionFlow}: {@code just}, {@code map} / {@code flatMap}, {@code tryCompleteValue()}. */
	@Benchmark
	public Integer executionFlow() {
		ExecutionFlow<Integer> f = ExecutionFlow.just(input);
		for (int i = 0; i < steps; i++) {
			switch (i % 3) {
				case 0: f = f.map(incOrNull); break;
				case 1: f = f.map(keepOrNull); break;
				default: f = f.flatMap(incFlow); break;
			}
		}
		return f.tryCompleteValue();
	}

	/** Stock Reactor, read with {@code block()}. */
	@Benchmark
	public Integer reactor() {
		return reactorChain().block();
	}

	/** Stock Reactor, subscribed. */
	@Benchmark
	public Object reactorSubscribed() {
		reactorChain().subscribe(subscriber);
		return subscriber.take();
	}

	/** reactor-eager, the {@code transform} form, read with {@code block()}. */
	@Benchmark
	public Integer eager(EagerSwitch.On on) {
		return eagerChain().block();
	}

	/** reactor-eager, the {@code transform} form, subscribed. */
	@Benchmark
	public Object eagerSubscribed(EagerSwitch.On on) {
		eagerChain().subscribe(subscriber);
		return subscriber.take();
	}

	/** reactor-eager, the fluent form ({@code Eager.of(..).map(..)..toMono()}), read with {@code block()}. */
	@Benchmark
	public Integer eagerFluent(EagerSwitch.On on) {
		return fluentChain().block();
	}

	/** reactor-eager, the fluent form, subscribed. */
	@Benchmark
	public Object eagerFluentSubscribed(EagerSwitch.On on) {
		fluentChain().subscribe(subscriber);
		return subscriber.take();
	}

	/** The same code as {@link #eager}, switch off: the stock operators behind {@code transform}. */
	@Benchmark
	public Integer eagerSwitchOff(EagerSwitch.Off off) {
		return eagerChain().block();
	}

	private Mono<Integer> reactorChain() {
		Mono<Integer> m = Mono.just(input);
		for (int i = 0; i < steps; i++) {
			switch (i % 3) {
				case 0: m = m.map(inc); break;
				case 1: m = m.filter(keep); break;
				default: m = m.flatMap(incMono); break;
			}
		}
		return m;
	}

	private Mono<Integer> eagerChain() {
		Mono<Integer> m = Mono.just(input);
		for (int i = 0; i < steps; i++) {
			switch (i % 3) {
				case 0: m = m.transform(Eager.map(inc)); break;
				case 1: m = m.transform(Eager.filter(keep)); break;
				default: m = m.transform(Eager.flatMap(incMono)); break;
			}
		}
		return m;
	}

	private Mono<Integer> fluentChain() {
		EagerChain<Integer> c = Eager.of(Mono.just(input));
		for (int i = 0; i < steps; i++) {
			switch (i % 3) {
				case 0: c = c.map(inc); break;
				case 1: c = c.filter(keep); break;
				default: c = c.flatMap(incMono); break;
			}
		}
		return c.toMono();
	}
}
