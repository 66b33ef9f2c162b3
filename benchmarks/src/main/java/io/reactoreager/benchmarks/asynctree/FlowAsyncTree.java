package io.reactoreager.benchmarks.asynctree;

import io.micronaut.core.execution.DelayedExecutionFlow;
import io.micronaut.core.execution.ExecutionFlow;

import java.util.Objects;

/**
 * The tree with Micronaut 4's {@link ExecutionFlow}, the closest prior art: a value known at once
 * is an imperative flow ({@code ExecutionFlow.just}), an I/O leaf a {@link DelayedExecutionFlow}
 * completed by the event loop timer. A node starts all its children first (flows are hot) and
 * gathers them. ExecutionFlow 4.10 has no gather combinator: {@link #run()} uses {@link FlowGather}
 * (resolved children summed at once, one delayed flow otherwise), {@link #runFold()} the obvious
 * fold {@code acc.flatMap(a -> child.map(b -> a + b))}, which is only stack-safe when no flow
 * is delayed (see {@link FlowGather}).
 */
public final class FlowAsyncTree {
	private final AsyncTreeState state;
	private final IoTimer timer;
	private final int depth;
	private final int branches;

	public FlowAsyncTree(AsyncTreeState state, IoTimer timer, int depth, int branches) {
		this.state = Objects.requireNonNull(state, "state");
		this.timer = Objects.requireNonNull(timer, "timer");
		this.depth = depth;
		this.branches = branches;
	}

	/** One run from a fresh state; waits for the root and returns the tree's checksum. */
	public long run() {
		state.reset();
		return node(depth, false).toCompletableFuture().join();
	}

	/** As {@link #run()}, gathering by folding with {@code flatMap} and {@code map}. */
	public long runFold() {
		state.reset();
		return node(depth, true).toCompletableFuture().join();
	}

	private ExecutionFlow<Long> node(int level, boolean fold) {
		state.enterNode();
		if (level == 0) {
			return leaf();
		}
		@SuppressWarnings("unchecked")
		ExecutionFlow<Long>[] children = new ExecutionFlow[branches];
		for (int i = 0; i < branches; i++) {
			children[i] = node(level - 1, fold);
		}
		if (!fold) {
			return FlowGather.sum(children);
		}
		ExecutionFlow<Long> sum = children[0];
		for (int i = 1; i < branches; i++) {
			ExecutionFlow<Long> child = children[i];
			sum = sum.flatMap(left -> child.map(right -> left + right));
		}
		return sum;
	}

	private ExecutionFlow<Long> leaf() {
		long leaf = state.leaf();
		Long value = AsyncTreeState.value(leaf);
		if (!AsyncTreeState.suspends(leaf)) {
			return ExecutionFlow.just(value);
		}
		DelayedExecutionFlow<Long> io = DelayedExecutionFlow.create();
		timer.schedule(() -> io.complete(value));
		return io;
	}
}
