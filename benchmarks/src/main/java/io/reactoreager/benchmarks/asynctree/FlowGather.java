package io.reactoreager.benchmarks.asynctree;

import io.micronaut.core.execution.DelayedExecutionFlow;
import io.micronaut.core.execution.ExecutionFlow;
import io.micronaut.core.execution.ImperativeExecutionFlow;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A summing gather for {@link ExecutionFlow}, built only on its public API, since Micronaut 4.10
 * ships none. Children already complete ({@code tryComplete() != null}) are summed at once and,
 * when all are, the result is an imperative {@code ExecutionFlow.just}; otherwise one
 * {@link DelayedExecutionFlow} is completed by the last child's {@code onComplete}.
 *
 * <p>Why not the obvious fold {@code acc.flatMap(a -> child.map(b -> a + b))}: in 4.10.15 a
 * delayed flow's steps move onto the flow a step returns, so the folds of a whole tree form one
 * chain that runs recursively when it completes. With the pyperformance tree that overflowed a
 * 1 MB thread stack in the {@code io} and {@code memoization} workloads (it passed with 16 MB), so
 * the fold is only measured on {@code none}, where every flow is imperative.
 */
final class FlowGather implements BiConsumer<Long, Throwable> {
	private final DelayedExecutionFlow<Long> result = DelayedExecutionFlow.create();
	private final AtomicInteger remaining;
	private final AtomicLong sum;

	private FlowGather(int remaining, long resolvedSum) {
		this.remaining = new AtomicInteger(remaining);
		this.sum = new AtomicLong(resolvedSum);
	}

	static ExecutionFlow<Long> sum(ExecutionFlow<Long>[] children) {
		long resolvedSum = 0;
		for (int i = 0; i < children.length; i++) {
			ImperativeExecutionFlow<Long> done = children[i].tryComplete();
			if (done == null) {
				FlowGather gather = new FlowGather(children.length - i, resolvedSum);
				for (int j = i; j < children.length; j++) {
					children[j].onComplete(gather);
				}
				return gather.result;
			}
			if (done.getError() != null) {
				return ExecutionFlow.error(done.getError());
			}
			resolvedSum += done.getValue();
		}
		return ExecutionFlow.just(resolvedSum);
	}

	@Override
	public void accept(Long value, Throwable error) {
		if (error != null) {
			if (remaining.getAndSet(0) > 0) {
				result.completeExceptionally(error);
			}
			return;
		}
		sum.addAndGet(value);
		// read the sum after the last decrement: a value added by another thread between this
		// thread's add and its decrement would be missing from a total read before it
		if (remaining.decrementAndGet() == 0) {
			result.complete(sum.get());
		}
	}
}
