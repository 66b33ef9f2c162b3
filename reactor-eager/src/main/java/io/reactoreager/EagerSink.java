package io.reactoreager;

import reactor.core.publisher.Mono;

/**
 * The producer side of a <b>pending</b> value: a single-assignment outcome that a bridge (a Netty
 * future listener, a callback API) completes once, from any thread. The first {@code tryEmit*}
 * wins; later ones return {@code false} and change nothing. Obtain one from
 * {@link Eager#sink(Runnable)}.
 *
 * @param <T> the value type
 */
public interface EagerSink<T> {

	/**
	 * Completes with a value.
	 *
	 * @param value the value, not null
	 * @return {@code true} if this call set the outcome
	 */
	boolean tryEmitValue(T value);

	/**
	 * Completes empty.
	 *
	 * @return {@code true} if this call set the outcome
	 */
	boolean tryEmitEmpty();

	/**
	 * Completes with an error.
	 *
	 * @param error the error, not null
	 * @return {@code true} if this call set the outcome
	 */
	boolean tryEmitError(Throwable error);

	/**
	 * Whether an outcome is set (including cancellation).
	 *
	 * @return {@code true} once completed
	 */
	boolean isDone();

	/**
	 * The hot, single-assignment Mono this sink completes: pending until an outcome is emitted,
	 * then resolved, replaying the outcome to every later subscriber.
	 *
	 * @return the Mono, always the same instance
	 */
	Mono<T> asMono();
}
