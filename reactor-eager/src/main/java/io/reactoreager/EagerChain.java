package io.reactoreager;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Scheduler;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;
import reactor.util.function.Tuple2;

/**
 * A fluent way to write a pipeline of {@link Eager} operators:
 *
 * <pre>{@code
 * Mono<Price> price = Eager.of(Mono.just(id))
 *     .flatMap(cache::lookup)
 *     .map(Price::withTax)
 *     .defaultIfEmpty(Price.NONE)
 *     .toMono();
 * }</pre>
 *
 * Each method applies the same operator as its {@code Eager} twin, at once (so a function on a
 * resolved value runs when the method is called), passes the result through Reactor's assembly
 * hooks ({@code Hooks.onEachOperator}, {@code Hooks.onOperatorDebug}) exactly as
 * {@code mono.transform(Eager.map(f))} does, and returns the chain of the result: a new immutable
 * chain, or this one when the step left the outcome as it was (a {@code filter} that keeps the
 * value). {@link #transform} takes any other operator.
 *
 * <p>A chain on a resolved value holds the value itself, not a Mono of it: a step on it costs the
 * next chain and nothing else that outlives the step (the Mono the assembly hooks are given is
 * built for them and, when no hook replaces it, dropped again). {@link #toMono()} wraps the value
 * in a resolved Mono.
 *
 * <p>A chain is a {@link Publisher}: subscribing to it subscribes to {@link #toMono()}, so it can
 * be handed to anything that takes a Publisher. It is not a {@link Mono}: {@code Mono}'s
 * operators ({@code map}, {@code filter}, ...) are final methods that build the stock operators,
 * and a chain whose {@code map} meant something else than {@code Mono.map} would be a trap. Call
 * {@link #toMono()} where a Mono is expected.
 *
 * @param <T> the value type
 */
public final class EagerChain<T> implements Publisher<T> {

	/**
	 * The outcome so far: the Mono the last step left (pending, lazy, empty, an error, or what an
	 * assembly hook returned), or a resolved value held directly. A value that is itself a Mono is
	 * held as a resolved Mono of it, so that {@code instanceof Mono} tells the two apart.
	 */
	private final Object state;

	/** @param state a Mono, or a resolved value that is not a Mono */
	EagerChain(Object state) {
		this.state = state;
	}

	/**
	 * The Mono built so far: resolved, pending or lazy, as the operators left it (a resolved value
	 * the chain holds directly is wrapped in a resolved Mono, a new one on each call).
	 *
	 * @return the Mono
	 */
	public Mono<T> toMono() {
		return mono();
	}

	@SuppressWarnings("unchecked")
	private Mono<T> mono() {
		Object s = state;
		return s instanceof Mono ? (Mono<T>) s : MonoResolved.ofValue((T) s);
	}

	/**
	 * Subscribes to {@link #toMono()}.
	 *
	 * @param subscriber the subscriber, not null
	 */
	@Override
	public void subscribe(Subscriber<? super T> subscriber) {
		mono().subscribe(Objects.requireNonNull(subscriber, "subscriber"));
	}

	/**
	 * Applies any {@code Mono -> Mono} function (a stock operator, an {@code Eager} one), as
	 * {@link Mono#transform} does.
	 *
	 * @param operator the function, not null
	 * @param <R> the output type
	 * @return the next chain
	 */
	public <R> EagerChain<R> transform(Function<? super Mono<T>, ? extends Mono<R>> operator) {
		Objects.requireNonNull(operator, "operator");
		return new EagerChain<>(mono().transform(operator));
	}

	/**
	 * {@link Eager#map}.
	 *
	 * @param mapper the function, not null
	 * @param <R> the output type
	 * @return the next chain
	 */
	public <R> EagerChain<R> map(Function<? super T, ? extends R> mapper) {
		Objects.requireNonNull(mapper, "mapper");
		T v = resolvedValue(EagerOperator.MAP);
		if (v != null) {
			R r;
			try {
				r = EagerMap.call(mapper, v);
			}
			catch (Throwable e) {
				return next(EagerStep.failOnNext(e, v, Context.empty()));
			}
			return nextValue(r);
		}
		return next(new EagerMap<T, R>(mapper).apply(mono()));
	}

	/**
	 * {@link Eager#flatMap}.
	 *
	 * @param mapper the function, not null
	 * @param <R> the output type
	 * @return the next chain
	 */
	public <R> EagerChain<R> flatMap(Function<? super T, ? extends Mono<? extends R>> mapper) {
		Objects.requireNonNull(mapper, "mapper");
		T v = resolvedValue(EagerOperator.FLAT_MAP);
		if (v != null) {
			return nextResolved(EagerFlatMap.applyToValue(mapper, v));
		}
		return next(new EagerFlatMap<T, R>(mapper).apply(mono()));
	}

	/**
	 * {@link Eager#filter}.
	 *
	 * @param predicate the test, not null
	 * @return the next chain
	 */
	public EagerChain<T> filter(Predicate<? super T> predicate) {
		Objects.requireNonNull(predicate, "predicate");
		T v = resolvedValue(EagerOperator.FILTER);
		if (v != null) {
			Mono<T> r = EagerFilter.test(predicate, v, Context.empty());
			return r == null ? unchanged() : nextResolved(r);
		}
		return next(new EagerFilter<T>(predicate).apply(mono()));
	}

	/**
	 * {@link Eager#handle}.
	 *
	 * @param handler the handler, not null
	 * @param <R> the output type
	 * @return the next chain
	 */
	public <R> EagerChain<R> handle(BiConsumer<? super T, SynchronousSink<R>> handler) {
		return next(new EagerHandle<T, R>(Objects.requireNonNull(handler, "handler")).apply(mono()));
	}

	/**
	 * {@link Eager#doOnNext}.
	 *
	 * @param onNext the side effect, not null
	 * @return the next chain
	 */
	public EagerChain<T> doOnNext(Consumer<? super T> onNext) {
		return next(new EagerDoOnNext<T>(Objects.requireNonNull(onNext, "onNext")).apply(mono()));
	}

	/**
	 * {@link Eager#doOnSuccess}.
	 *
	 * @param onSuccess the side effect, not null
	 * @return the next chain
	 */
	public EagerChain<T> doOnSuccess(Consumer<? super T> onSuccess) {
		return next(Eager.<T>doOnSuccess(onSuccess).apply(mono()));
	}

	/**
	 * {@link Eager#doOnError}.
	 *
	 * @param onError the side effect, not null
	 * @return the next chain
	 */
	public EagerChain<T> doOnError(Consumer<? super Throwable> onError) {
		return next(new EagerDoOnError<T>(Objects.requireNonNull(onError, "onError")).apply(mono()));
	}

	/**
	 * {@link Eager#onErrorResume}.
	 *
	 * @param fallback the fallback, not null
	 * @return the next chain
	 */
	public EagerChain<T> onErrorResume(Function<? super Throwable, ? extends Mono<? extends T>> fallback) {
		return next(new EagerOnErrorResume<T>(Objects.requireNonNull(fallback, "fallback")).apply(mono()));
	}

	/**
	 * {@link Eager#onErrorReturn}.
	 *
	 * @param fallbackValue the value, not null
	 * @return the next chain
	 */
	public EagerChain<T> onErrorReturn(T fallbackValue) {
		return next(new EagerOnErrorReturn<T>(Objects.requireNonNull(fallbackValue, "fallbackValue")).apply(mono()));
	}

	/**
	 * {@link Eager#onErrorMap}.
	 *
	 * @param mapper the error mapper, not null
	 * @return the next chain
	 */
	public EagerChain<T> onErrorMap(Function<? super Throwable, ? extends Throwable> mapper) {
		return next(new EagerOnErrorMap<T>(Objects.requireNonNull(mapper, "mapper")).apply(mono()));
	}

	/**
	 * {@link Eager#switchIfEmpty}.
	 *
	 * @param alternate the alternative, not null
	 * @return the next chain
	 */
	public EagerChain<T> switchIfEmpty(Mono<? extends T> alternate) {
		return next(new EagerSwitchIfEmpty<T>(Objects.requireNonNull(alternate, "alternate")).apply(mono()));
	}

	/**
	 * {@link Eager#defaultIfEmpty}.
	 *
	 * @param defaultValue the value, not null
	 * @return the next chain
	 */
	public EagerChain<T> defaultIfEmpty(T defaultValue) {
		Objects.requireNonNull(defaultValue, "defaultValue");
		if (resolvedValue(EagerOperator.DEFAULT_IF_EMPTY) != null) {
			return unchanged();
		}
		return next(new EagerDefaultIfEmpty<T>(defaultValue).apply(mono()));
	}

	/**
	 * {@link Eager#then()}.
	 *
	 * @return the next chain
	 */
	public EagerChain<Void> then() {
		return next(new EagerThen<T, Void>(null).apply(mono()));
	}

	/**
	 * {@link Eager#then(Mono)}.
	 *
	 * @param next the next Mono, not null
	 * @param <V> the next value type
	 * @return the next chain
	 */
	public <V> EagerChain<V> then(Mono<V> next) {
		return next(new EagerThen<T, V>(Objects.requireNonNull(next, "next")).apply(mono()));
	}

	/**
	 * {@link Eager#thenReturn}.
	 *
	 * @param value the value, not null
	 * @param <V> the value type
	 * @return the next chain
	 */
	public <V> EagerChain<V> thenReturn(V value) {
		return next(new EagerThenReturn<T, V>(Objects.requireNonNull(value, "value")).apply(mono()));
	}

	/**
	 * {@link Eager#filterWhen}.
	 *
	 * @param predicate the asynchronous test, not null
	 * @return the next chain
	 */
	public EagerChain<T> filterWhen(Function<? super T, ? extends Publisher<Boolean>> predicate) {
		return next(Eager.<T>filterWhen(predicate).apply(mono()));
	}

	/**
	 * {@link Eager#zipWhen(Function)}.
	 *
	 * @param rightGenerator the function giving the right-hand Mono, not null
	 * @param <U> the right-hand value type
	 * @return the next chain
	 */
	public <U> EagerChain<Tuple2<T, U>> zipWhen(Function<? super T, ? extends Mono<? extends U>> rightGenerator) {
		return next(Eager.<T, U>zipWhen(rightGenerator).apply(mono()));
	}

	/**
	 * {@link Eager#zipWhen(Function, BiFunction)}.
	 *
	 * @param rightGenerator the function giving the right-hand Mono, not null
	 * @param combinator combines the two values, not null
	 * @param <U> the right-hand value type
	 * @param <R> the output type
	 * @return the next chain
	 */
	public <U, R> EagerChain<R> zipWhen(Function<? super T, ? extends Mono<? extends U>> rightGenerator,
			BiFunction<? super T, ? super U, ? extends R> combinator) {
		return next(Eager.<T, U, R>zipWhen(rightGenerator, combinator).apply(mono()));
	}

	/**
	 * {@link Eager#delayUntil}.
	 *
	 * @param triggerProvider the function giving the trigger, not null
	 * @return the next chain
	 */
	public EagerChain<T> delayUntil(Function<? super T, ? extends Publisher<?>> triggerProvider) {
		return next(Eager.<T>delayUntil(triggerProvider).apply(mono()));
	}

	/**
	 * {@link Eager#publishOn}: hops to {@code scheduler} as stock does (see {@link HopPolicy}).
	 *
	 * @param scheduler the scheduler, not null
	 * @return the next chain
	 */
	public EagerChain<T> publishOn(Scheduler scheduler) {
		return next(Eager.<T>publishOn(scheduler).apply(mono()));
	}

	/**
	 * {@link Eager#subscribeOn}: subscribes from {@code scheduler} as stock does (see {@link HopPolicy}).
	 *
	 * @param scheduler the scheduler, not null
	 * @return the next chain
	 */
	public EagerChain<T> subscribeOn(Scheduler scheduler) {
		return next(Eager.<T>subscribeOn(scheduler).apply(mono()));
	}

	/**
	 * {@link Eager#timeout(Duration)}.
	 *
	 * @param timeout the timeout, not null
	 * @return the next chain
	 */
	public EagerChain<T> timeout(Duration timeout) {
		return next(Eager.<T>timeout(timeout).apply(mono()));
	}

	/**
	 * {@link Eager#timeout(Duration, Mono)}.
	 *
	 * @param timeout the timeout, not null
	 * @param fallback the fallback, not null
	 * @return the next chain
	 */
	public EagerChain<T> timeout(Duration timeout, Mono<? extends T> fallback) {
		return next(Eager.<T>timeout(timeout, fallback).apply(mono()));
	}

	/**
	 * {@link Eager#timeout(Duration, Scheduler)}.
	 *
	 * @param timeout the timeout, not null
	 * @param timer the scheduler of the timer, not null
	 * @return the next chain
	 */
	public EagerChain<T> timeout(Duration timeout, Scheduler timer) {
		return next(Eager.<T>timeout(timeout, timer).apply(mono()));
	}

	/**
	 * {@link Eager#timeout(Duration, Mono, Scheduler)}.
	 *
	 * @param timeout the timeout, not null
	 * @param fallback the fallback, not null
	 * @param timer the scheduler of the timer, not null
	 * @return the next chain
	 */
	public EagerChain<T> timeout(Duration timeout, Mono<? extends T> fallback, Scheduler timer) {
		return next(Eager.<T>timeout(timeout, fallback, timer).apply(mono()));
	}

	/**
	 * The chain of an operator's result, passed through Reactor's assembly hooks as
	 * {@code Mono.transform} passes it.
	 */
	private static <R> EagerChain<R> next(Mono<R> result) {
		return new EagerChain<>(MonoResolved.assembled(result));
	}

	/**
	 * The chain of a step's result on a resolved value, passed through the assembly hooks: when
	 * no hook replaced it and it is a resolved value, the chain holds the value itself (with no
	 * hook installed, the JIT then drops the Mono built for the hooks, here or in the step).
	 */
	@SuppressWarnings("unchecked")
	private static <R> EagerChain<R> nextResolved(Mono<R> result) {
		Mono<R> assembled = MonoResolved.assembled(result);
		if (assembled == result && PublisherOutcome.isScalar(result)) {
			Object o = PublisherOutcome.peek(result);
			if (o != null && o != PublisherOutcome.NOT_RESOLVED && !(o instanceof MonoResolved.Failure) && !(o instanceof Mono)) {
				return new EagerChain<>(o);
			}
		}
		return new EagerChain<>(assembled);
	}

	/**
	 * The chain of a step's resolved value, whose Mono is built here only to be passed through the
	 * assembly hooks: when no hook replaces it, the chain holds the value itself, and the JIT can
	 * drop the Mono (it is used nowhere else).
	 */
	private static <R> EagerChain<R> nextValue(R value) {
		MonoResolved<R> m = MonoResolved.ofValue(value);
		Mono<R> assembled = MonoResolved.assembled(m);
		return new EagerChain<>(assembled == m && !(value instanceof Mono) ? value : assembled);
	}

	/**
	 * This chain again, for a step that left a resolved value as it was: its Mono is passed
	 * through the assembly hooks as {@code Mono.transform} passes an unchanged input, and only a
	 * hook that replaces it makes a new chain.
	 */
	private EagerChain<T> unchanged() {
		Mono<T> m = mono();
		Mono<T> assembled = MonoResolved.assembled(m);
		return assembled == m ? this : new EagerChain<>(assembled);
	}

	/**
	 * The fast path of the commonest case, kept small so that the JIT can inline a whole chain:
	 * when the outcome so far is a resolved value (held directly, in one of our resolved Monos or
	 * in a {@code Mono.just}) and the switch is on, that value (the step is counted inline); else
	 * {@code null}, and the operator's general path runs (it also handles resolved empties and
	 * errors).
	 */
	@Nullable
	@SuppressWarnings("unchecked")
	private T resolvedValue(EagerOperator operator) {
		int mode = EagerPolicy.mode();
		if ((mode & EagerPolicy.ON) == 0) {
			return null; // the switch is off: the stock twin, without reading the input
		}
		Object o = state;
		if (o instanceof Mono) {
			if (!PublisherOutcome.isScalar((Mono<?>) o)) {
				return null; // pending, finished pending or lazy: the general path classifies it
			}
			o = PublisherOutcome.peek((Mono<?>) o);
			if (o == null || o == PublisherOutcome.NOT_RESOLVED || o instanceof MonoResolved.Failure) {
				return null; // empty, error or a fatal error: the general path reads it again and handles it
			}
		}
		if ((mode & EagerPolicy.COUNT) != 0) {
			Trampoline.countInline(operator);
		}
		return (T) o;
	}

	@Override
	public String toString() {
		return "EagerChain(" + mono() + ")";
	}
}
