package io.reactoreager.benchmarks.asynctree;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * pyperformance's {@code async_tree_cpu_io_mixed} ported: a tree of depth 6 with 6 branches per node
 * (55,987 calls, 46,656 leaves), each inner node gathering its children. Half the leaves compute factorial(500) (CPU-bound), the other half behave as memoization leaves: composition cost diluted by real work.
 *
 * <p>One operation is one whole tree from a fresh state (seed 0, empty cache), awaited to the end.
 * Every implementation does the same draws and leaf work; they differ only in how they compose and
 * wait. Not {@code final}: JMH generates subclasses of its state classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AsyncTreeCpuIoMixedBenchmark extends AsyncTreeBenchmarkBase {
	@Override
	protected AsyncTreeWorkload workload() {
		return AsyncTreeWorkload.CPU_IO_MIXED;
	}

	/** Lower bound: synchronous recursion, same draws and cache, an I/O leaf only counted (no wait). */
	@Benchmark
	public long plain() {
		return tree.plain().run();
	}
}
