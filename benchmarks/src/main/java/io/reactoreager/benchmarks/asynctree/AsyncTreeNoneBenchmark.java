package io.reactoreager.benchmarks.asynctree;

import io.reactoreager.benchmarks.EagerSwitch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * pyperformance's {@code async_tree_none} ported: a tree of depth 6 with 6 branches per node
 * (55,987 calls, 46,656 leaves), each inner node gathering its children. The leaves do nothing, so this isolates the cost of composing calls that never wait: the case eager execution targets.
 *
 * <p>One operation is one whole tree from a fresh state (seed 0, empty cache), awaited to the end.
 * Every implementation does the same draws and leaf work; they differ only in how they compose and
 * wait. Not {@code final}: JMH generates subclasses of its state classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AsyncTreeNoneBenchmark extends AsyncTreeBenchmarkBase {
	@Override
	protected AsyncTreeWorkload workload() {
		return AsyncTreeWorkload.NONE;
	}

	/** Lower bound: synchronous recursion, no composition, no waiting. */
	@Benchmark
	public long plain() {
		return tree.plain().run();
	}

	/** Micronaut {@code ExecutionFlow}, the idiomatic fold ({@code flatMap}/{@code map}); all flows imperative here. */
	@Benchmark
	public long executionFlowFold() {
		return tree.flow().runFold();
	}

	/** reactor-eager in the {@code asyncio.gather} shape: {@code Eager.gather} then {@code Eager.map(sum)}. */
	@Benchmark
	public long eagerGather(EagerSwitch.On on) {
		return tree.eager().runGather();
	}
}
