package io.reactoreager.benchmarks.chain;

import io.reactoreager.Eager;
import io.reactoreager.benchmarks.EagerSwitch;
import io.reactoreager.benchmarks.LastValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A 5-step chain on a resolved input: {@code map(x + 1)}, {@code filter(x >= 0)},
 * {@code flatMap} to a resolved {@code Mono.just(x * 2)}, {@code map(x - 1)},
 * {@code defaultIfEmpty(0)} on {@code Mono.just(input)}, assembled and consumed once per operation.
 * It isolates what one short pipeline costs when nothing ever waits: assembly plus delivery.
 *
 * <p>{@code eager} writes the transforms inline, as users do ({@code Eager.map(..)} is called per
 * operation); {@code eagerPrebuilt} reuses transform functions built once, which separates the
 * cost of creating the transform from the cost of running it. Every Mono variant is consumed by
 * the same allocation-free {@link LastValue}; values stay in the {@code Integer} cache. Not
 * {@code final}: JMH generates subclasses of its state classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FiveStepChainBenchmark {
	private static final Function<Mono<Integer>, Mono<Integer>> MAP_1 = Eager.map(x -> x + 1);
	private static final Function<Mono<Integer>, Mono<Integer>> FILTER = Eager.filter(x -> x >= 0);
	private static final Function<Mono<Integer>, Mono<Integer>> FLAT_MAP = Eager.flatMap(x -> Mono.just(x * 2));
	private static final Function<Mono<Integer>, Mono<Integer>> MAP_2 = Eager.map(x -> x - 1);
	private static final Function<Mono<Integer>, Mono<Integer>> DEFAULT = Eager.defaultIfEmpty(0);

	/** A field, not a constant, so the JIT cannot fold the pipeline away. */
	private int input = 7;
	private final LastValue subscriber = new LastValue();

	/** Lower bound: the same five steps as straight-line Java on an int. */
	@Benchmark
	public int plain() {
		int x = input + 1;
		if (x < 0) {
			return 0;
		}
		return x * 2 - 1;
	}

	/** {@code CompletableFuture}: completed future, thenApply / thenCompose, empty modelled as null. */
	@Benchmark
	public Integer completableFuture() {
		return CompletableFuture.completedFuture(input)
				.thenApply(x -> x + 1)
				.thenApply(x -> x >= 0 ? x : null)
				.thenCompose(x -> CompletableFuture.completedFuture(x == null ? null : x * 2))
				.thenApply(x -> x == null ? null : x - 1)
				.thenApply(x -> x == null ? 0 : x)
				.join();
	}

	/** Stock Reactor operators. */
	@Benchmark
	public Object reactor() {
		Mono.just(input)
				.map(x -> x + 1)
				.filter(x -> x >= 0)
				.flatMap(x -> Mono.just(x * 2))
				.map(x -> x - 1)
				.defaultIfEmpty(0)
				.subscribe(subscriber);
		return subscriber.take();
	}

	/** reactor-eager, transforms written inline. */
	@Benchmark
	public Object eager(EagerSwitch.On on) {
		return eagerChain();
	}

	/** The same code as {@link #eager}, switch off. */
	@Benchmark
	public Object eagerSwitchOff(EagerSwitch.Off off) {
		return eagerChain();
	}

	/** reactor-eager with transform functions built once. */
	@Benchmark
	public Object eagerPrebuilt(EagerSwitch.On on) {
		Mono.just(input).transform(MAP_1).transform(FILTER).transform(FLAT_MAP).transform(MAP_2).transform(DEFAULT)
				.subscribe(subscriber);
		return subscriber.take();
	}

	private Object eagerChain() {
		Mono.just(input)
				.transform(Eager.map(x -> x + 1))
				.transform(Eager.filter(x -> x >= 0))
				.transform(Eager.flatMap(x -> Mono.just(x * 2)))
				.transform(Eager.map(x -> x - 1))
				.transform(Eager.defaultIfEmpty(0))
				.subscribe(subscriber);
		return subscriber.take();
	}
}
