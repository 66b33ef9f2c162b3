package io.reactoreager.benchmarks.asynctree;

import io.reactoreager.benchmarks.EagerSwitch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

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
public class AsyncTreeCpuIoMixedBenchmark {
    private AsyncTreeFixture tree;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        tree = new AsyncTreeFixture(AsyncTreeWorkload.CPU_IO_MIXED);
        String benchmark = params.getBenchmark();
        tree.verify(benchmark.substring(benchmark.lastIndexOf('.') + 1));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        tree.close();
    }

    /** Lower bound: synchronous recursion, same draws and cache, an I/O leaf only counted (no wait). */
    @Benchmark
    public long plain() {
        return tree.plain().run();
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

    /** reactor-eager: direct calls, {@code Eager.zip} of resolved/pending children, pending {@code Eager.sink} leaves. */
    @Benchmark
    public long eager(EagerSwitch.On on) {
        return tree.eager().run();
    }

    /** The same code as {@link #eager}, switch off: every eager operator is its stock twin. */
    @Benchmark
    public long eagerSwitchOff(EagerSwitch.Off off) {
        return tree.eager().run();
    }

    // eagerTaskGroup: the task-group flavour (pyperformance's --task-groups), to add once Eager.group lands.
}
