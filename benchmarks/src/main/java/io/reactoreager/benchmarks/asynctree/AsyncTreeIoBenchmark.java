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
 * pyperformance's {@code async_tree_io} ported: a tree of depth 6 with 6 branches per node
 * (55,987 calls, 46,656 leaves), each inner node gathering its children. Every leaf awaits one mock I/O call (a 1 ms timer on a Netty event loop), so every gather really waits: this isolates the cost of the waiting machinery, which eager execution must not make worse.
 *
 * <p>One operation is one whole tree from a fresh state (seed 0, empty cache), awaited to the end.
 * Every implementation does the same draws and leaf work; they differ only in how they compose and
 * wait. Not {@code final}: JMH generates subclasses of its state classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AsyncTreeIoBenchmark extends AsyncTreeBenchmarkBase {
	@Override
	protected AsyncTreeWorkload workload() {
		return AsyncTreeWorkload.IO;
	}

	/**
	 * The floor of this workload: plain recursion with the same draws that schedules the same
	 * event loop timers and returns once they have all fired, composing nothing
	 * ({@link PlainAsyncTree#runAwaitingTimers}). No implementation can be faster.
	 */
	@Benchmark
	public long timerFloor() {
		return tree.plain().runAwaitingTimers(tree.timer());
	}
}
