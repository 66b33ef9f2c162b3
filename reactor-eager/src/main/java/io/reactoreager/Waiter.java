package io.reactoreager;

import reactor.util.annotation.Nullable;

/**
 * One continuation registered on a pending value: the one object a suspension costs. It is
 * resumed exactly once with the outcome ({@code value} for a value, both {@code null} for empty,
 * {@code error} for an error), through the thread's {@link Trampoline}.
 */
interface Waiter {

	/**
	 * Receives the outcome of the awaited pending value.
	 *
	 * @param value the value, or {@code null} if empty or failed
	 * @param error the error, or {@code null}
	 */
	void resume(@Nullable Object value, @Nullable Throwable error);

	/**
	 * The operator this continuation belongs to, for {@link EagerStats}.
	 *
	 * @return the operator
	 */
	EagerOperator operator();
}
