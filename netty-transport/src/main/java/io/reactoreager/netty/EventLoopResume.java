package io.reactoreager.netty;

import io.netty.util.concurrent.EventExecutor;
import io.reactoreager.EagerOperator;
import io.reactoreager.spi.EagerLoops;

/**
 * Decides whether a continuation that has arrived on an event loop may run there inline or must
 * be queued to it.
 *
 * <p>The rule: inline when already on the loop <em>and</em> the thread's fairness budget allows it
 * ({@link EagerLoops#tryInline}, which spends one unit); else queued to the loop
 * ({@code execute}), by a task that resets the budget when it runs. The budget is consulted only
 * while {@link NettyEagerPolicy} is installed; without it, arriving on the loop is enough.
 */
final class EventLoopResume {

	private EventLoopResume() {}

	/**
	 * @return true when {@code task} may run inline on the calling thread, which is
	 *     {@code executor}'s own thread; false when it must be submitted to {@code executor}
	 */
	static boolean mayRunInline(EventExecutor executor) {
		return mayRunInline(executor, EagerOperator.WHEN_COMPLETE);
	}

	/**
	 * @param operator the operator a yield is counted for ({@code EagerStats.Kind.BUDGET_YIELD})
	 * @return true when a continuation of {@code operator} may run inline on the calling thread,
	 *     which is {@code executor}'s own thread and has budget left; false when it must be
	 *     submitted to {@code executor}
	 */
	static boolean mayRunInline(EventExecutor executor, EagerOperator operator) {
		if (!executor.inEventLoop()) {
			return false;
		}
		if (!NettyEagerPolicy.installed) {
			return true;
		}
		NettyEagerPolicy.remember(executor);
		if (NettyEagerPolicy.currentExecutor() != executor) {
			// not a loop thread for the budget (e.g. an EmbeddedEventLoop's caller): as before
			return true;
		}
		return EagerLoops.tryInline(operator);
	}
}
