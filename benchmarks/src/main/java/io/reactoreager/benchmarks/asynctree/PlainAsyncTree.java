package io.reactoreager.benchmarks.asynctree;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lower bound: the same tree as plain synchronous recursion. It does every draw, cache
 * lookup and factorial the asynchronous versions do, but a leaf that would await I/O does not
 * wait (only the counter records it), so it measures the work with all waiting and all
 * composition removed. Exists for {@code none}, {@code memoization} and {@code cpu_io_mixed};
 * for {@code io} it would be the {@code none} tree.
 */
public final class PlainAsyncTree {
	private final AsyncTreeState state;
	private final int depth;
	private final int branches;

	public PlainAsyncTree(AsyncTreeState state, int depth, int branches) {
		this.state = Objects.requireNonNull(state, "state");
		this.depth = depth;
		this.branches = branches;
	}

	/** One run from a fresh state; returns the tree's checksum. */
	public long run() {
		state.reset();
		return node(depth);
	}

	/**
	 * The floor of a workload that waits: the same recursion, where each leaf that awaits I/O also
	 * schedules the same event loop timer the asynchronous versions schedule, and the run returns
	 * once every timer has fired. Nothing is composed: it measures the draws, the timers and the
	 * wait alone, which no implementation can beat.
	 */
	public long runAwaitingTimers(IoTimer timer) {
		state.reset();
		AtomicInteger outstanding = new AtomicInteger(1);
		CompletableFuture<Void> allFired = new CompletableFuture<>();
		Runnable fired = () -> {
			if (outstanding.decrementAndGet() == 0) {
				allFired.complete(null);
			}
		};
		long sum = node(depth, timer, outstanding, fired);
		fired.run();
		allFired.join();
		return sum;
	}

	private long node(int level, IoTimer timer, AtomicInteger outstanding, Runnable fired) {
		state.enterNode();
		if (level == 0) {
			long leaf = state.leaf();
			if (AsyncTreeState.suspends(leaf)) {
				outstanding.incrementAndGet();
				timer.schedule(fired);
			}
			return AsyncTreeState.value(leaf);
		}
		long sum = 0;
		for (int i = 0; i < branches; i++) {
			sum += node(level - 1, timer, outstanding, fired);
		}
		return sum;
	}

	private long node(int level) {
		state.enterNode();
		if (level == 0) {
			return AsyncTreeState.value(state.leaf());
		}
		long sum = 0;
		for (int i = 0; i < branches; i++) {
			sum += node(level - 1);
		}
		return sum;
	}
}
