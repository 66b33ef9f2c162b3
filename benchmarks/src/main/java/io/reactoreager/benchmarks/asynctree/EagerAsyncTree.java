package io.reactoreager.benchmarks.asynctree;

import io.netty.util.concurrent.ScheduledFuture;
import io.reactoreager.Eager;
import io.reactoreager.EagerSink;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The tree with reactor-eager, the way the eager task factory runs it in Python: calling a node
 * runs it at once, so a subtree whose leaves never wait comes back already resolved
 * ({@code Mono.just}) and {@link Eager#zip(Iterable, java.util.function.Function)} fuses it on the
 * spot; an I/O leaf is a pending {@link Eager#sink(Runnable)} completed by the event loop timer
 * (cancelling it cancels the timer), and only the nodes above such a leaf register a continuation.
 *
 * <p>{@link #run()} uses {@code Eager.zip(children, sum)}, the drop-in twin of the stock tree's
 * {@code Mono.zip(children, sum)}; {@link #runGather()} uses {@code Eager.gather(children)} and
 * {@code Eager.map(sum)}, the {@code asyncio.gather} shape. The same code runs with the switch off
 * ({@code EagerPolicy.setEnabled(false)}), where every eager operator builds its stock twin.
 */
public final class EagerAsyncTree {
    private final AsyncTreeState state;
    private final IoTimer timer;
    private final int depth;
    private final int branches;

    public EagerAsyncTree(AsyncTreeState state, IoTimer timer, int depth, int branches) {
        this.state = Objects.requireNonNull(state, "state");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.depth = depth;
        this.branches = branches;
    }

    /**
     * A run never legitimately takes this long; a bounded wait turns a lost completion into a
     * failed benchmark instead of a hung one (reactor-eager at 9b22b24 could lose one, see
     * docs/benchmarks.md).
     */
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);

    /** One run from a fresh state, gathering with {@code Eager.zip}; blocks for the root. */
    public long run() {
        state.reset();
        return node(depth, false).block(HANG_GUARD);
    }

    /** One run from a fresh state, gathering with {@code Eager.gather} + {@code Eager.map}. */
    public long runGather() {
        state.reset();
        return node(depth, true).block(HANG_GUARD);
    }

    private Mono<Long> node(int level, boolean gather) {
        state.enterNode();
        if (level == 0) {
            return leaf();
        }
        List<Mono<Long>> children = new ArrayList<>(branches);
        for (int i = 0; i < branches; i++) {
            children.add(node(level - 1, gather));
        }
        if (gather) {
            return Eager.gather(children).transform(Eager.map(EagerAsyncTree::sum));
        }
        return Eager.zip(children, EagerAsyncTree::sum);
    }

    private Mono<Long> leaf() {
        long leaf = state.leaf();
        Long value = AsyncTreeState.value(leaf);
        if (!AsyncTreeState.suspends(leaf)) {
            return Mono.just(value);
        }
        IoLeaf io = new IoLeaf(value);
        io.timer = timer.schedule(io);
        return io.sink.asMono();
    }

    private static Long sum(Object[] values) {
        long sum = 0;
        for (Object value : values) {
            sum += (Long) value;
        }
        return sum;
    }

    private static Long sum(List<Long> values) {
        long sum = 0;
        for (Long value : values) {
            sum += value;
        }
        return sum;
    }

    /** The timer task of one I/O leaf: completes the pending value; cancelling the value cancels it. */
    private static final class IoLeaf implements Runnable {
        private final Long value;
        private final EagerSink<Long> sink;
        private volatile ScheduledFuture<?> timer;

        IoLeaf(Long value) {
            this.value = value;
            this.sink = Eager.sink(this::cancel);
        }

        @Override
        public void run() {
            sink.tryEmitValue(value);
        }

        private void cancel() {
            ScheduledFuture<?> scheduled = timer;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
