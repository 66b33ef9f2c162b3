package io.reactoreager;

import java.util.Objects;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.util.concurrent.Queues;

/**
 * The Flux side of reactor-eager: {@code flatMap}, {@code concatMap} and
 * {@code flatMapSequential} with <b>inner fusion</b>, each a {@code Function<Flux<T>, Flux<R>>}
 * for {@link Flux#transform(Function)}.
 *
 * <p>Each source element is mapped to an inner Publisher (typically a Mono), which is classified:
 * <ul>
 * <li><b>resolved</b> ({@link Eager#isResolved}: {@code Mono.just/empty/error}, {@code Flux.just(x)},
 * a finished eager value): its outcome is emitted inline, with no inner subscriber and no
 * per-inner queue (values wait on one shared queue only while downstream has no demand);</li>
 * <li><b>pending</b> ({@link Eager#isPending}): one continuation is registered on it and its
 * value is emitted when it arrives; cancelling removes the continuation (and, if it was the last
 * observer, cancels the pending work);</li>
 * <li><b>lazy</b> (anything else): subscribed exactly as the stock operator subscribes it.</li>
 * </ul>
 * Under {@code concatMap} and {@code flatMapSequential}, a SYNC-fuseable source
 * ({@code Flux.range}, {@code Flux.fromIterable}) is pulled with {@code poll()} instead of
 * {@code request}/{@code onNext}, without a queue; {@code flatMap} requests its source as stock
 * does.
 *
 * <p>Signals: values in the stock operator's order ({@code concatMap}, {@code flatMapSequential}:
 * source order; {@code flatMap}: as they become available), backpressure honoured end to end,
 * the first error (from the source, the function, or an inner) cancels the source and every other
 * inner and is delivered at once (stock's default error mode; no {@code *DelayError} variant is
 * offered), completion once the source and every inner have completed; cancellation cancels the
 * source and the inners and passes buffered values to the discard hook. A non-positive request
 * signals {@code IllegalArgumentException} (rule 3.9; stock only logs it). docs/semantics-flux.md
 * lists every observable difference from stock, notably flatMap's handling of a pending inner that
 * has already finished (resolved to us, so its value may be emitted in another order under
 * backpressure).
 *
 * <p>The switch ({@link EagerPolicy#isEnabled()}) is read when the function is applied (at
 * assembly): with it off, each function builds the stock operator. {@link EagerStats} counts per
 * inner: {@code INLINE} (resolved), {@code SUSPENDED} (pending), {@code LAZY_SUBSCRIPTION} (lazy).
 */
public final class EagerFlux {

	private EagerFlux() {
	}

	/**
	 * {@code flatMap} with inner fusion and stock's default concurrency
	 * ({@link Queues#SMALL_BUFFER_SIZE}) and inner prefetch ({@link Queues#XS_BUFFER_SIZE}): values
	 * of different inners may interleave. With the switch off: {@link Flux#flatMap(Function)}.
	 *
	 * @param mapper maps a source element to its inner Publisher, not null; must not return null
	 * @param <T> the source type
	 * @param <R> the result type
	 * @return a function for {@link Flux#transform(Function)}
	 */
	public static <T, R> Function<Flux<T>, Flux<R>> flatMap(Function<? super T, ? extends Publisher<? extends R>> mapper) {
		Objects.requireNonNull(mapper, "mapper");
		return flux -> EagerPolicy.on()
				? new FluxEagerFlatMap<>(flux, mapper, Queues.SMALL_BUFFER_SIZE, Queues.XS_BUFFER_SIZE)
				: flux.flatMap(mapper);
	}

	/**
	 * {@code flatMap} with inner fusion and at most {@code concurrency} pending or lazy inners at
	 * once (a resolved inner holds no slot beyond its inline emission, or until its queued value
	 * is emitted). With the switch off: {@link Flux#flatMap(Function, int)}.
	 *
	 * @param mapper maps a source element to its inner Publisher, not null
	 * @param concurrency the maximum number of inners in flight, at least 1
	 * @param <T> the source type
	 * @param <R> the result type
	 * @return a function for {@link Flux#transform(Function)}
	 * @throws IllegalArgumentException if {@code concurrency < 1}
	 */
	public static <T, R> Function<Flux<T>, Flux<R>> flatMap(Function<? super T, ? extends Publisher<? extends R>> mapper, int concurrency) {
		Objects.requireNonNull(mapper, "mapper");
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
		}
		return flux -> EagerPolicy.on()
				? new FluxEagerFlatMap<>(flux, mapper, concurrency, Queues.XS_BUFFER_SIZE)
				: flux.flatMap(mapper, concurrency);
	}

	/**
	 * {@code concatMap} with inner fusion: one inner at a time, in source order, the source
	 * requested one element at a time (stock {@code concatMap}'s no-prefetch form). With the switch
	 * off: {@link Flux#concatMap(Function)}.
	 *
	 * @param mapper maps a source element to its inner Publisher, not null
	 * @param <T> the source type
	 * @param <R> the result type
	 * @return a function for {@link Flux#transform(Function)}
	 */
	public static <T, R> Function<Flux<T>, Flux<R>> concatMap(Function<? super T, ? extends Publisher<? extends R>> mapper) {
		Objects.requireNonNull(mapper, "mapper");
		return flux -> EagerPolicy.on()
				? new FluxEagerConcatMap<>(flux, mapper)
				: flux.concatMap(mapper);
	}

	/**
	 * {@code flatMapSequential} with inner fusion: up to {@link Queues#SMALL_BUFFER_SIZE} inners run
	 * at once, their values are emitted in source order (later inners' values wait). With the
	 * switch off: {@link Flux#flatMapSequential(Function)}.
	 *
	 * @param mapper maps a source element to its inner Publisher, not null
	 * @param <T> the source type
	 * @param <R> the result type
	 * @return a function for {@link Flux#transform(Function)}
	 */
	public static <T, R> Function<Flux<T>, Flux<R>> flatMapSequential(Function<? super T, ? extends Publisher<? extends R>> mapper) {
		Objects.requireNonNull(mapper, "mapper");
		return flux -> EagerPolicy.on()
				? new FluxEagerFlatMapSequential<>(flux, mapper, Queues.SMALL_BUFFER_SIZE, Queues.XS_BUFFER_SIZE)
				: flux.flatMapSequential(mapper);
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

	/** The largest {@code bufferSize} of {@link #filterWhen(Function, int)}: 2<sup>30</sup>. */
	public static final int MAX_FILTER_WHEN_BUFFER = 1 << 30;

	/**
	 * Eager {@link Flux#filterWhen(Function, int)}: starts each value's test when the value arrives,
	 * and emits the value, in order and deciding one value at a time, if the first value of its
	 * test Publisher is {@code true}.
	 * <ul>
	 *   <li><b>onNext</b>: the value is buffered (at most {@code bufferSize} are requested ahead;
	 *       three quarters of it are requested again as values are consumed) and the predicate is
	 *       applied to it at once. A <b>resolved</b> test ({@code Mono.just(true)},
	 *       {@code Mono.empty()}, a finished eager value) is read inline and its verdict kept, with
	 *       no inner subscription; a <b>pending</b> one (already running) gets one continuation at
	 *       once, so the pending tests of buffered values run concurrently; a <b>lazy</b> one is
	 *       <em>not</em> subscribed ahead: it is subscribed when its value's turn comes, one at a
	 *       time, with the subscriber's Context (a non-Mono Publisher is cancelled after its first
	 *       value). When its turn comes and its test has an outcome, {@code true} emits the value
	 *       (when requested); {@code false} or empty discards it.</li>
	 *   <li><b>test error</b> (signalled, thrown by the predicate, or a null Publisher): taken at
	 *       its value's turn; the value is discarded and the error kept; as with stock, it is
	 *       delivered once upstream has completed and every buffered value has been tested.</li>
	 *   <li><b>onError / onComplete</b> from upstream: delivered after the buffered values are
	 *       tested; an upstream error replaces a kept test error.</li>
	 *   <li><b>cancel</b>: cancels upstream, the lazy test in flight and every outstanding pending
	 *       test (a pending test whose last observer this was cancels its work), discards the
	 *       buffered values, and reports the errors of buffered tests that were never reached to
	 *       {@code Hooks.onErrorDropped}.</li>
	 * </ul>
	 * The one difference from stock (which applies the predicate to a value only when the previous
	 * value is decided and downstream has demand): the predicate runs for a value up to
	 * {@code bufferSize} values ahead, before earlier values' tests have finished, so work it
	 * starts may be under way when the Flux is cancelled or fails, and is then cancelled. The
	 * signals are stock's. {@code bufferSize} therefore also bounds how many tests run at once.
	 * With the switch off (read when the operator is applied): {@code flux.filterWhen(predicate, bufferSize)}.
	 *
	 * @param predicate the asynchronous test, not null; returning null is an error signal
	 * @param bufferSize how many values may wait for their test (rounded up to a power of two),
	 *                   hence how many tests may run at once, and the initial request to
	 *                   upstream, from 1 to {@value #MAX_FILTER_WHEN_BUFFER} (2<sup>30</sup>, the largest
	 *                   power of two an {@code int} holds; stock fails with a
	 *                   {@code NegativeArraySizeException} at subscription beyond it)
	 * @param <T> the value type
	 * @return the operator for {@code Flux.transform}
	 * @throws IllegalArgumentException if {@code bufferSize} is out of that range, with the switch
	 *                                  on or off
	 */
	public static <T> Function<Flux<T>, Flux<T>> filterWhen(Function<? super T, ? extends Publisher<Boolean>> predicate, int bufferSize) {
		Objects.requireNonNull(predicate, "predicate");
		if (bufferSize < 1 || bufferSize > MAX_FILTER_WHEN_BUFFER) {
			throw new IllegalArgumentException("bufferSize must be between 1 and " + MAX_FILTER_WHEN_BUFFER + ", was " + bufferSize);
		}
		return source -> {
			Objects.requireNonNull(source, "source");
			if (!EagerPolicy.on()) {
				return source.filterWhen(predicate, bufferSize);
			}
			return new FluxEagerFilterWhen<>(source, predicate, bufferSize);
		};
	}
}
