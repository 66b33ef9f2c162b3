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
 * pyperformance's {@code async_tree_memoization} ported: a tree of depth 6 with 6 branches per node
 * (55,987 calls, 46,656 leaves), each inner node gathering its children. A leaf draws randint(1, 100) and returns at once when the number is cached (about 90% of leaves), otherwise awaits one mock I/O call: mostly resolved work with a few genuine suspensions.
 *
 * <p>One operation is one whole tree from a fresh state (seed 0, empty cache), awaited to the end.
 * Every implementation does the same draws and leaf work; they differ only in how they compose and
 * wait. Not {@code final}: JMH generates subclasses of its state classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AsyncTreeMemoizationBenchmark extends AsyncTreeBenchmarkBase {
	@Override
	protected AsyncTreeWorkload workload() {
		return AsyncTreeWorkload.MEMOIZATION;
	}

	/**
	 * The shape a user writes when values need not flow up: {@code Eager.when(children)} at every
	 * node, {@code Mono.empty()} for a cache hit, a lazy timer for a miss (see
	 * {@link EagerAsyncTree#runWhen()}): resolved children are read, lazy ones subscribed at the
	 * root's subscription.
	 */
	@Benchmark
	public long eagerWhen(EagerSwitch.On on) {
		return tree.eager().runWhen();
	}

	/** The same code as {@link #eagerWhen}, switch off: {@code Mono.when(children)} at every node. */
	@Benchmark
	public long eagerWhenSwitchOff(EagerSwitch.Off off) {
		return tree.eager().runWhen();
	}

	/** Lower bound: synchronous recursion, same draws and cache, an I/O leaf only counted (no wait). */
	@Benchmark
	public long plain() {
		return tree.plain().run();
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
