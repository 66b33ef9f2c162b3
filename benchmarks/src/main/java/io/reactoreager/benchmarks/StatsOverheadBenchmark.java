package io.reactoreager.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.reactoreager.Eager;
import io.reactoreager.EagerPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Mono;

/**
 * Isolates the cost of counting ({@code EagerStats}): the 5-step chain ({@code map, filter,
 * flatMap} to {@code Mono.just}, {@code map, defaultIfEmpty}) on a resolved input, eager, with the
 * counters on and off ({@code stats}), beside the same code with the switch off
 * ({@code eagerSwitchOff}, stock twins, nothing counted) and stock Reactor written directly
 * ({@code reactor}). Each inline step does one plain per-thread increment when counting is on.
 * The cost of counting is {@code eager} at {@code stats=true} against {@code eager} at
 * {@code stats=false}.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar StatsOverheadBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class StatsOverheadBenchmark {

	static final Function<Mono<Integer>, Mono<Integer>> MAP_1 = Eager.map(x -> x + 1);
	static final Function<Mono<Integer>, Mono<Integer>> FILTER = Eager.filter(x -> x >= 0);
	static final Function<Mono<Integer>, Mono<Integer>> FLAT_MAP = Eager.flatMap(x -> Mono.just(x * 2));
	static final Function<Mono<Integer>, Mono<Integer>> MAP_2 = Eager.map(x -> x - 1);
	static final Function<Mono<Integer>, Mono<Integer>> DEFAULT = Eager.defaultIfEmpty(0);

	/** Counting on or off ({@code EagerPolicy.setStatsEnabled}). */
	@Param({"true", "false"})
	public boolean stats;

	int i;

	@Setup(Level.Trial)
	public void setUp() {
		EagerPolicy.setStatsEnabled(stats);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		EagerPolicy.setStatsEnabled(false); // the default
	}

	Integer next() {
		return (i++) & 31;
	}

	Integer chain() {
		return Mono.just(next()).transform(MAP_1).transform(FILTER).transform(FLAT_MAP).transform(MAP_2).transform(DEFAULT).block();
	}

	/** The chain through {@code Eager}, switch on; counting by {@link #stats}. */
	@Benchmark
	public Integer eager(EagerSwitch.On on) {
		return chain();
	}

	/** The same code, switch off: stock twins, nothing counted. */
	@Benchmark
	public Integer eagerSwitchOff(EagerSwitch.Off off) {
		return chain();
	}

	/** Stock Reactor, written directly. */
	@Benchmark
	public void reactor(Blackhole bh) {
		bh.consume(Mono.just(next()).map(x -> x + 1).filter(x -> x >= 0).flatMap(x -> Mono.just(x * 2)).map(x -> x - 1).defaultIfEmpty(0)
				.block());
	}
}
