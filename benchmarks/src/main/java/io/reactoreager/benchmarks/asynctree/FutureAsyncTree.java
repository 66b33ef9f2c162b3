package io.reactoreager.benchmarks.asynctree;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The tree with {@link CompletableFuture}, written the idiomatic way: a node starts its children
 * (each call returns a future, already completed when the child never waited), joins them with
 * {@code allOf} and sums them in {@code thenApply}. An I/O leaf is a future completed by the
 * event loop timer.
 */
public final class FutureAsyncTree {
	private final AsyncTreeState state;
	private final IoTimer timer;
	private final int depth;
	private final int branches;

	public FutureAsyncTree(AsyncTreeState state, IoTimer timer, int depth, int branches) {
		this.state = Objects.requireNonNull(state, "state");
		this.timer = Objects.requireNonNull(timer, "timer");
		this.depth = depth;
		this.branches = branches;
	}

	/** One run from a fresh state; waits for the root and returns the tree's checksum. */
	public long run() {
		state.reset();
		return node(depth).join();
	}

	private CompletableFuture<Long> node(int level) {
		state.enterNode();
		if (level == 0) {
			return leaf();
		}
		@SuppressWarnings("unchecked")
		CompletableFuture<Long>[] children = new CompletableFuture[branches];
		for (int i = 0; i < branches; i++) {
			children[i] = node(level - 1);
		}
		return CompletableFuture.allOf(children).thenApply(ignored -> {
			long sum = 0;
			for (CompletableFuture<Long> child : children) {
				sum += child.join();
			}
			return sum;
		});
	}

	private CompletableFuture<Long> leaf() {
		long leaf = state.leaf();
		Long value = AsyncTreeState.value(leaf);
		if (!AsyncTreeState.suspends(leaf)) {
			return CompletableFuture.completedFuture(value);
		}
		CompletableFuture<Long> io = new CompletableFuture<>();
		timer.schedule(() -> io.complete(value));
		return io;
	}
}
