package io.reactoreager.benchmarks.asynctree;

import io.netty.util.concurrent.ScheduledFuture;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The tree with stock Reactor, written the idiomatic way: a node is a {@code Mono.defer} (calling
 * it creates a cold object, as calling an {@code async def} creates a coroutine), its children
 * are combined with {@code Mono.zip} (the {@code asyncio.gather} of Reactor) and summed; a leaf
 * that needs no I/O is {@code Mono.just}, an I/O leaf a {@code Mono.create} completed by the event
 * loop timer, which cancels the timer when the subscriber cancels.
 */
public final class ReactorAsyncTree {
	private final AsyncTreeState state;
	private final IoTimer timer;
	private final int depth;
	private final int branches;

	public ReactorAsyncTree(AsyncTreeState state, IoTimer timer, int depth, int branches) {
		this.state = Objects.requireNonNull(state, "state");
		this.timer = Objects.requireNonNull(timer, "timer");
		this.depth = depth;
		this.branches = branches;
	}

	/** One run from a fresh state; blocks for the root and returns the tree's checksum. */
	public long run() {
		state.reset();
		return node(depth).block();
	}

	private Mono<Long> node(int level) {
		return Mono.defer(() -> {
			state.enterNode();
			if (level == 0) {
				return leaf();
			}
			Mono<?>[] children = new Mono<?>[branches];
			for (int i = 0; i < branches; i++) {
				children[i] = node(level - 1);
			}
			return Mono.zip(ReactorAsyncTree::sum, children);
		});
	}

	private Mono<Long> leaf() {
		long leaf = state.leaf();
		Long value = AsyncTreeState.value(leaf);
		if (!AsyncTreeState.suspends(leaf)) {
			return Mono.just(value);
		}
		return Mono.create(sink -> {
			ScheduledFuture<?> io = timer.schedule(() -> sink.success(value));
			sink.onCancel(() -> io.cancel(false));
		});
	}

	private static Long sum(Object[] values) {
		long sum = 0;
		for (Object value : values) {
			sum += (Long) value;
		}
		return sum;
	}
}
