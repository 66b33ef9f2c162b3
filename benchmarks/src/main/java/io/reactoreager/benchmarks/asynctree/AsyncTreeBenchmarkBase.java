package io.reactoreager.benchmarks.asynctree;

import io.reactoreager.benchmarks.EagerSwitch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What every async_tree workload benchmark shares: one operation is one whole tree from a fresh
 * state (seed 0, empty cache), awaited to the end; each fork first checks the implementation it
 * measures against plain recursion. The implementations below exist for every workload; a
 * subclass names its workload and adds the ones only it has (plain Java where a synchronous
 * lower bound exists, the {@code ExecutionFlow} fold and {@code Eager.gather} on {@code none}).
 * JMH runs the inherited {@code @Benchmark} methods under each subclass's name.
 */
public abstract class AsyncTreeBenchmarkBase {

	protected AsyncTreeFixture tree;

	/** The workload this subclass measures. */
	protected abstract AsyncTreeWorkload workload();

	@Setup(Level.Trial)
	public void setUp(BenchmarkParams params) {
		tree = new AsyncTreeFixture(workload());
		String benchmark = params.getBenchmark();
		tree.verify(benchmark.substring(benchmark.lastIndexOf('.') + 1));
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		tree.close();
	}

	/** {@code CompletableFuture}: {@code allOf} + {@code thenApply}. */
	@Benchmark
	public long completableFuture() {
		return tree.future().run();
	}

	/** Stock Reactor: {@code Mono.defer} + {@code Mono.zip}, {@code block()} at the root. */
	@Benchmark
	public long reactor() {
		return tree.reactor().run();
	}

	/** Micronaut {@code ExecutionFlow}: {@code just} / {@code DelayedExecutionFlow}, gathered by {@code FlowGather}. */
	@Benchmark
	public long executionFlow() {
		return tree.flow().run();
	}

	/** reactor-eager: direct calls, {@code Eager.zip} of resolved/pending children, I/O leaves (where the workload has them) suspending through {@code NettyEager.from}. */
	@Benchmark
	public long eager(EagerSwitch.On on) {
		return tree.eager().run();
	}

	/** The same code as {@link #eager}, switch off: every eager operator is its stock twin. */
	@Benchmark
	public long eagerSwitchOff(EagerSwitch.Off off) {
		return tree.eager().run();
	}

	/** reactor-eager, task-group flavour (pyperformance's {@code --task-groups}): each node an {@code Eager.group} forking its children. */
	@Benchmark
	public long eagerTaskGroup(EagerSwitch.On on) {
		return tree.eager().runGroup();
	}
}
