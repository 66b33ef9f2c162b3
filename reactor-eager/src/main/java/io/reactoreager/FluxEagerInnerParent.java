package io.reactoreager;

import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * The operator side of a {@link FluxEagerInner}: how an inner of {@code flatMap} or
 * {@code flatMapSequential} reports what happened to it. Each signal an inner receives becomes
 * exactly one call:
 * <ul>
 * <li>a value of a lazy inner that is not queue-fused: {@link #innerNext};</li>
 * <li>a queue-fused lazy inner has something to poll, or has ended: {@link #innerReady};</li>
 * <li>a lazy inner completed: {@link #innerComplete} (the inner is already {@code done});</li>
 * <li>a pending inner finished with its one value, or empty: {@link #innerResolved};</li>
 * <li>an inner of either kind failed: {@link #innerError}.</li>
 * </ul>
 * The parent decides, per operator, whether a value goes downstream inline or into the inner's
 * buffer ({@link FluxEagerInner#offer}), when the inner counts as {@code done}, and how an error
 * ends the merge. It must never call these methods itself on behalf of an inner, and an inner must
 * never emit downstream except through them.
 *
 * @param <R> the type of the inner values
 */
interface FluxEagerInnerParent<R> {

	/**
	 * The context the inners are subscribed with: the downstream subscriber's.
	 *
	 * @return the downstream context
	 */
	Context currentContext();

	/**
	 * The operator the inners belong to, for {@link EagerStats} (a pending inner is a
	 * {@link Waiter} and is counted under it when it is trampolined or yields its budget).
	 *
	 * @return the operator
	 */
	EagerOperator operator();

	/**
	 * A value of a lazy inner that is not queue-fused: the parent emits it inline or buffers it
	 * with {@link FluxEagerInner#offer}; when the buffer is full it fails with an overflow error.
	 *
	 * @param inner the inner that received the value
	 * @param value the value, never {@code null}
	 */
	void innerNext(FluxEagerInner<R> inner, R value);

	/**
	 * A queue-fused lazy inner has a value to poll, or has ended: the parent drains.
	 *
	 * @param signal the value passed with the signal, if any, discarded if the parent is cancelled
	 */
	void innerReady(@Nullable R signal);

	/**
	 * A lazy inner completed; it is already marked {@code done}. The parent retires it once its
	 * buffer is drained.
	 *
	 * @param inner the inner that completed
	 */
	void innerComplete(FluxEagerInner<R> inner);

	/**
	 * A pending inner finished: with its one value, or empty. The parent emits or buffers the value
	 * (as for {@link #innerNext}), marks the inner {@code done}, and drains.
	 *
	 * @param inner the pending inner
	 * @param value its value, or {@code null} when it completed empty
	 */
	void innerResolved(FluxEagerInner<R> inner, @Nullable R value);

	/**
	 * An inner failed: the parent fails fast (records the error, cancels the source and the other
	 * inners, delivers it), or, when an {@code onErrorContinue} strategy recovers it, treats the
	 * inner as completed.
	 *
	 * @param inner the inner that failed
	 * @param error the error
	 */
	void innerError(FluxEagerInner<R> inner, Throwable error);
}
