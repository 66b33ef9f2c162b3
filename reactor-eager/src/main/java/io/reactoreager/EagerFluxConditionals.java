package io.reactoreager;

import java.util.Objects;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.util.concurrent.Queues;

/**
 * Eager conditional Flux operators, each a {@code Function<Flux<T>, Flux<T>>} for
 * {@link Flux#transform}. (They will also be reachable from {@code EagerFlux}.)
 */
public final class EagerFluxConditionals {

	private EagerFluxConditionals() {
	}

	/**
	 * Eager {@link Flux#filterWhen(Function)}, with stock's buffer of
	 * {@link Queues#SMALL_BUFFER_SIZE}. See {@link #filterWhen(Function, int)}.
	 *
	 * @param predicate the asynchronous test, not null
	 * @param <T> the value type
	 * @return the operator for {@code Flux.transform}
	 */
	public static <T> Function<Flux<T>, Flux<T>> filterWhen(Function<? super T, ? extends Publisher<Boolean>> predicate) {
		return filterWhen(predicate, Queues.SMALL_BUFFER_SIZE);
	}

	/**
	 * Eager {@link Flux#filterWhen(Function, int)}: tests each value, in order and one test at a
	 * time, and emits it if the first value of its test Publisher is {@code true}.
	 * <ul>
	 *   <li><b>onNext</b>: the value is buffered (at most {@code bufferSize} are requested ahead;
	 *       three quarters of it are requested again as values are consumed) and tested in turn. A
	 *       <b>resolved</b> test ({@code Mono.just(true)}, {@code Mono.empty()}, a finished eager
	 *       value) is read inline, with no inner subscription; a <b>pending</b> one is awaited with
	 *       one continuation; a <b>lazy</b> one is subscribed with the subscriber's Context (a
	 *       non-Mono Publisher is cancelled after its first value). {@code true} emits the value
	 *       (when requested); {@code false} or empty discards it.</li>
	 *   <li><b>test error</b> (signalled, thrown by the predicate, or a null Publisher): the value
	 *       is discarded and the error kept; as with stock, it is delivered once upstream has
	 *       completed and every buffered value has been tested.</li>
	 *   <li><b>onError / onComplete</b> from upstream: delivered after the buffered values are
	 *       tested; an upstream error replaces a kept test error.</li>
	 *   <li><b>cancel</b>: cancels upstream and the outstanding test (a pending test whose last
	 *       observer this was cancels its work) and discards the buffered values.</li>
	 * </ul>
	 * With the switch off (read when the operator is applied): {@code flux.filterWhen(predicate, bufferSize)}.
	 *
	 * @param predicate the asynchronous test, not null; returning null is an error signal
	 * @param bufferSize how many values may wait for their test (rounded up to a power of two)
	 *                   and the initial request to upstream, at least 1
	 * @param <T> the value type
	 * @return the operator for {@code Flux.transform}
	 * @throws IllegalArgumentException if {@code bufferSize < 1}
	 */
	public static <T> Function<Flux<T>, Flux<T>> filterWhen(Function<? super T, ? extends Publisher<Boolean>> predicate, int bufferSize) {
		Objects.requireNonNull(predicate, "predicate");
		if (bufferSize < 1) {
			throw new IllegalArgumentException("bufferSize must be >= 1, was " + bufferSize);
		}
		return source -> {
			Objects.requireNonNull(source, "source");
			if (!EagerPolicy.enabled) {
				return source.filterWhen(predicate, bufferSize);
			}
			return new FluxEagerFilterWhen<>(source, predicate, bufferSize);
		};
	}
}
