package io.reactoreager;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import reactor.core.Fuseable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

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
 * resolved value runs when the method is called), and returns a new immutable chain. Nothing
 * else differs from {@code mono.transform(Eager.map(f))}; {@link #transform} takes any other
 * operator. A chain is a builder, not a {@code Publisher}: {@link #toMono()} ends it.
 *
 * @param <T> the value type
 */
public final class EagerChain<T> {

	private final Mono<T> mono;

	EagerChain(Mono<T> mono) {
		this.mono = mono;
	}

	/**
	 * The Mono built so far: resolved, pending or lazy, exactly as the operators left it.
	 *
	 * @return the Mono
	 */
	public Mono<T> toMono() {
		return mono;
	}

	/**
	 * Applies any {@code Mono -> Mono} function (a stock operator, an {@code Eager} one).
	 *
	 * @param operator the function, not null
	 * @param <R> the output type
	 * @return the next chain
	 */
	public <R> EagerChain<R> transform(Function<? super Mono<T>, ? extends Mono<R>> operator) {
		Objects.requireNonNull(operator, "operator");
		return new EagerChain<>(Objects.requireNonNull(operator.apply(mono), "the operator returned a null Mono"));
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
			return new EagerChain<>(EagerMap.mapValue(mapper, v, Context.empty()));
		}
		return new EagerChain<>(new EagerMap<T, R>(mapper).apply(mono));
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
			return new EagerChain<>(EagerFlatMap.flatMapValue(null, mapper, v, Context.empty()));
		}
		return new EagerChain<>(new EagerFlatMap<T, R>(mapper).apply(mono));
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
			return r == null ? this : new EagerChain<>(r);
		}
		return new EagerChain<>(new EagerFilter<T>(predicate).apply(mono));
	}

	/**
	 * {@link Eager#handle}.
	 *
	 * @param handler the handler, not null
	 * @param <R> the output type
	 * @return the next chain
	 */
	public <R> EagerChain<R> handle(BiConsumer<? super T, SynchronousSink<R>> handler) {
		return new EagerChain<>(new EagerHandle<T, R>(Objects.requireNonNull(handler, "handler")).apply(mono));
	}

	/**
	 * {@link Eager#doOnNext}.
	 *
	 * @param onNext the side effect, not null
	 * @return the next chain
	 */
	public EagerChain<T> doOnNext(Consumer<? super T> onNext) {
		return new EagerChain<>(new EagerDoOnNext<T>(Objects.requireNonNull(onNext, "onNext")).apply(mono));
	}

	/**
	 * {@link Eager#doOnError}.
	 *
	 * @param onError the side effect, not null
	 * @return the next chain
	 */
	public EagerChain<T> doOnError(Consumer<? super Throwable> onError) {
		return new EagerChain<>(new EagerDoOnError<T>(Objects.requireNonNull(onError, "onError")).apply(mono));
	}

	/**
	 * {@link Eager#onErrorResume}.
	 *
	 * @param fallback the fallback, not null
	 * @return the next chain
	 */
	public EagerChain<T> onErrorResume(Function<? super Throwable, ? extends Mono<? extends T>> fallback) {
		return new EagerChain<>(new EagerOnErrorResume<T>(Objects.requireNonNull(fallback, "fallback")).apply(mono));
	}

	/**
	 * {@link Eager#onErrorReturn}.
	 *
	 * @param fallbackValue the value, not null
	 * @return the next chain
	 */
	public EagerChain<T> onErrorReturn(T fallbackValue) {
		return new EagerChain<>(new EagerOnErrorReturn<T>(Objects.requireNonNull(fallbackValue, "fallbackValue")).apply(mono));
	}

	/**
	 * {@link Eager#onErrorMap}.
	 *
	 * @param mapper the error mapper, not null
	 * @return the next chain
	 */
	public EagerChain<T> onErrorMap(Function<? super Throwable, ? extends Throwable> mapper) {
		return new EagerChain<>(new EagerOnErrorMap<T>(Objects.requireNonNull(mapper, "mapper")).apply(mono));
	}

	/**
	 * {@link Eager#switchIfEmpty}.
	 *
	 * @param alternate the alternative, not null
	 * @return the next chain
	 */
	public EagerChain<T> switchIfEmpty(Mono<? extends T> alternate) {
		return new EagerChain<>(new EagerSwitchIfEmpty<T>(Objects.requireNonNull(alternate, "alternate")).apply(mono));
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
			return this;
		}
		return new EagerChain<>(new EagerDefaultIfEmpty<T>(defaultValue).apply(mono));
	}

	/**
	 * {@link Eager#then()}.
	 *
	 * @return the next chain
	 */
	public EagerChain<Void> then() {
		return new EagerChain<>(new EagerThen<T, Void>(null).apply(mono));
	}

	/**
	 * {@link Eager#then(Mono)}.
	 *
	 * @param next the next Mono, not null
	 * @param <V> the next value type
	 * @return the next chain
	 */
	public <V> EagerChain<V> then(Mono<V> next) {
		return new EagerChain<>(new EagerThen<T, V>(Objects.requireNonNull(next, "next")).apply(mono));
	}

	/**
	 * {@link Eager#thenReturn}.
	 *
	 * @param value the value, not null
	 * @param <V> the value type
	 * @return the next chain
	 */
	public <V> EagerChain<V> thenReturn(V value) {
		return new EagerChain<>(new EagerThenReturn<T, V>(Objects.requireNonNull(value, "value")).apply(mono));
	}

	/**
	 * The fast path of the commonest case, kept small so that the JIT can inline a whole chain:
	 * when the Mono so far is a resolved value (one of ours, or a {@code Mono.just}) and the switch
	 * is on, that value (the step is counted inline); else {@code null}, and the operator's
	 * general path runs (it also handles resolved empties and errors).
	 */
	@Nullable
	@SuppressWarnings("unchecked")
	private T resolvedValue(EagerOperator operator) {
		if (!(mono instanceof MonoResolved) && !(mono instanceof Fuseable.ScalarCallable)) {
			return null; // pending or lazy: no outcome to read
		}
		Object o = PublisherOutcome.peek(mono);
		if (o == null || o == PublisherOutcome.NOT_RESOLVED || o instanceof MonoResolved.Failure || !EagerPolicy.on()) {
			return null; // empty, error or a fatal error: the general path reads it again and handles it
		}
		if (EagerPolicy.counting()) {
			Trampoline.countInline(operator);
		}
		return (T) o;
	}

	@Override
	public String toString() {
		return "EagerChain(" + mono + ")";
	}
}
