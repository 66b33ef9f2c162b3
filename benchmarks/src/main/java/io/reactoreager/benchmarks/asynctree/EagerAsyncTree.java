package io.reactoreager.benchmarks.asynctree;

import io.netty.util.concurrent.ScheduledFuture;
import io.reactoreager.Eager;
import io.reactoreager.TaskGroup;
import io.reactoreager.netty.NettyEager;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tree with reactor-eager, the way the eager task factory runs it in Python: calling a node
 * runs it at once, so a subtree whose leaves never wait comes back already resolved
 * ({@code Mono.just}) and {@link Eager#zip(java.util.function.Function, Mono[])} fuses it on the
 * spot; an I/O leaf is the Netty {@code ScheduledFuture} of the event loop timer bridged by
 * {@link NettyEager#from(io.netty.util.concurrent.Future)}, the way a service on Netty awaits
 * its I/O: a pending Mono completed by the future's listener (abandoning it cancels the timer),
 * and only the nodes above such a leaf register a continuation.
 *
 * <p>{@link #run()} uses {@code Eager.zip(sum, children...)}, the drop-in twin of the stock tree's
 * {@code Mono.zip(sum, children...)} (children in an array, as the CompletableFuture tree's
 * {@code allOf} takes them); {@link #runGather()} uses {@code Eager.gather(children)} and
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
	 * benchmarks/development-log.md).
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

	/**
	 * One run from a fresh state in the task-group shape ({@code async with TaskGroup() as tg:
	 * tg.create_task(child)}): every inner node is an {@code Eager.group} whose body forks its
	 * children in order and sums them with {@code Eager.zip}; blocks for the root.
	 */
	public long runGroup() {
		state.reset();
		return groupNode(depth).block(HANG_GUARD);
	}

	/**
	 * One run from a fresh state in the shape a user writes with values that need not flow up:
	 * every inner node is {@code Eager.when(children)}; a leaf that hits the cache is
	 * {@code Mono.empty()} and a leaf that must wait is a lazy timer ({@code Mono.create}, started
	 * at subscription); leaves add their value to a total as they finish. With the switch off each
	 * node is the stock {@code Mono.when(children)}. Blocks for the root and returns the total.
	 */
	public long runWhen() {
		state.reset();
		total.set(0);
		whenNode(depth).block(HANG_GUARD);
		return total.get();
	}

	private final AtomicLong total = new AtomicLong();

	private Mono<Void> whenNode(int level) {
		state.enterNode();
		if (level == 0) {
			long leaf = state.leaf();
			long value = AsyncTreeState.value(leaf);
			if (!AsyncTreeState.suspends(leaf)) {
				total.addAndGet(value);
				return Mono.empty();
			}
			return Mono.create(sink -> {
				ScheduledFuture<?> io = timer.schedule(() -> {
					total.addAndGet(value);
					sink.success();
				});
				sink.onCancel(() -> io.cancel(false));
			});
		}
		List<Mono<Void>> children = new ArrayList<>(branches);
		for (int i = 0; i < branches; i++) {
			children.add(whenNode(level - 1));
		}
		return Eager.when(children);
	}

	private Mono<Long> groupNode(int level) {
		if (level == 0) {
			state.enterNode();
			return leaf();
		}
		return Eager.group((TaskGroup group) -> {
			state.enterNode();
			List<Mono<Long>> children = new ArrayList<>(branches);
			for (int i = 0; i < branches; i++) {
				children.add(group.fork(groupNode(level - 1)));
			}
			return Eager.zip(children, EagerAsyncTree::sum);
		});
	}

	private Mono<Long> node(int level, boolean gather) {
		state.enterNode();
		if (level == 0) {
			return leaf();
		}
		if (gather) {
			List<Mono<Long>> children = new ArrayList<>(branches);
			for (int i = 0; i < branches; i++) {
				children.add(node(level - 1, true));
			}
			return Eager.gather(children).transform(Eager.map(EagerAsyncTree::sum));
		}
		Mono<?>[] children = new Mono<?>[branches];
		for (int i = 0; i < branches; i++) {
			children[i] = node(level - 1, false);
		}
		return Eager.zip(EagerAsyncTree::sum, children);
	}

	private Mono<Long> leaf() {
		long leaf = state.leaf();
		Long value = AsyncTreeState.value(leaf);
		if (!AsyncTreeState.suspends(leaf)) {
			return Mono.just(value);
		}
		return NettyEager.from(timer.schedule(() -> value));
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
}
