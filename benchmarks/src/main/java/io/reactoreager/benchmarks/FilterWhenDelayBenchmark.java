package io.reactoreager.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

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

/**
 * {@link FilterWhenBenchmark}'s #7706 shape with the suspending predicate's delay varied (10 µs,
 * 100 µs, 1 ms): isolates how each implementation waits. {@code filterWhen} may start the tests
 * of at most {@code bufferSize} values ahead (stock's backpressure bound, which the eager operator
 * keeps), so with the default buffer (256) the 100 suspending tests of 2,000 entities wait in
 * rounds, one per refill of the buffer, and an operation takes about (2,000 / refill) delays; with
 * a buffer of every entity, and in the CompletableFuture rewrite, every test starts at once and
 * the waits overlap, so an operation takes about one delay plus the work.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class FilterWhenDelayBenchmark {

	@Param({"10", "100", "1000"})
	long delayMicros;

	FilterWhenBenchmark shape;

	@Setup(Level.Trial)
	public void setUp() {
		shape = new FilterWhenBenchmark();
		shape.suspendMicros = delayMicros;
		shape.setUp();
	}

	@TearDown(Level.Trial)
	public void tearDown() throws InterruptedException {
		shape.tearDown();
	}

	/** Eager, {@code filterWhen}'s default buffer (256). */
	@Benchmark
	public List<String> eager(EagerSwitch.On on) {
		return shape.runEager();
	}

	/** Eager, a buffer of all 2,000 entities: every test starts at once. */
	@Benchmark
	public List<String> eagerWholeBuffer(EagerSwitch.On on) {
		return shape.runEager(FilterWhenBenchmark.ENTITIES);
	}

	/** The same code as {@link #eager}, switch off: stock operators, one test at a time. */
	@Benchmark
	public List<String> eagerSwitchOff(EagerSwitch.Off off) {
		return shape.runEager();
	}

	/** Stock Reactor: one test at a time. */
	@Benchmark
	public List<String> reactor() {
		return shape.reactor();
	}

	/** The CompletableFuture rewrite: every test starts at once. */
	@Benchmark
	public List<String> completableFuture() {
		return shape.completableFuture();
	}
}
