package io.reactoreager;

import reactor.util.annotation.Nullable;

/**
 * An inner of {@code flatMap} or {@code flatMapSequential} that could not be fused away: a
 * {@link FluxEagerPendingInner pending} inner (one continuation, one value slot) or a
 * {@link FluxEagerLazyInner lazy} inner (a subscriber with a prefetch queue). The parent's drain
 * loop sees both through this one shape: it polls the buffer, asks for more after emitting, and
 * cancels.
 *
 * <p>An inner reports its signals only to its {@link FluxEagerInnerParent}; it must never emit
 * downstream itself, and must never drop a buffered value on cancel without passing it to
 * {@link reactor.core.publisher.Operators#onDiscard}.
 *
 * @param <R> the type of the inner values
 */
abstract sealed class FluxEagerInner<R> permits FluxEagerPendingInner, FluxEagerLazyInner {

	/** The inner's slot in {@code flatMap}'s inner set; unused by {@code flatMapSequential}. */
	int index;

	/** Set once no more values will be buffered (completed, failed, or fused synchronously). */
	volatile boolean done;

	/**
	 * Takes the next buffered value.
	 *
	 * @return the value, or {@code null} if nothing is buffered; a fused lazy inner may throw its
	 * function's error
	 */
	@Nullable
	abstract R poll();

	/**
	 * Whether nothing is buffered now.
	 *
	 * @return {@code true} if {@link #poll()} would return {@code null}
	 */
	abstract boolean isEmpty();

	/**
	 * Whether a buffer was ever needed (stock: {@code queue != null}); an inner whose values all
	 * went downstream inline never has one.
	 *
	 * @return {@code true} once a value was buffered or the inner is queue-fused
	 */
	abstract boolean hasBuffer();

	/**
	 * Buffers a value the parent could not emit inline.
	 *
	 * @param value the value
	 * @return {@code false} if the buffer is full (the value is not taken)
	 */
	abstract boolean offer(R value);

	/**
	 * Asks for {@code n} more after {@code n} were emitted (replenishing 75% of the prefetch at a
	 * time); nothing for a pending inner.
	 *
	 * @param n how many were emitted
	 */
	abstract void request(long n);

	/** Cancels: stops the inner's source and discards what is buffered. */
	abstract void cancel();
}
