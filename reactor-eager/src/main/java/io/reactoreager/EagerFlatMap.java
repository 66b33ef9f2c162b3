package io.reactoreager;

import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * {@code flatMap}: the function's Mono becomes the outcome, itself resolved, pending or lazy;
 * empty and error pass through. The function runs under the inline depth bound.
 */
final class EagerFlatMap<T, R> extends EagerStep<T, R> {

	final Function<? super T, ? extends Mono<? extends R>> mapper;

	EagerFlatMap(Function<? super T, ? extends Mono<? extends R>> mapper) {
		this.mapper = mapper;
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.FLAT_MAP;
	}

	@Override
	Mono<R> stock(Mono<T> source) {
		return source.flatMap(mapper);
	}

	@Override
	Mono<R> onValue(T value, Context context) {
		return flatMapValue(this, mapper, value, context);
	}

	/**
	 * The flatMap step on a value, under the inline depth bound: the function's Mono, or the
	 * resolved error of a throwing or null-returning function; past the bound, a pending that the
	 * trampoline completes. {@code step} is the step to defer with, or {@code null} to make one
	 * only then (the fluent chain's resolved path allocates no step).
	 */
	@SuppressWarnings("unchecked")
	static <T, R> Mono<R> flatMapValue(@Nullable EagerFlatMap<T, R> step, Function<? super T, ? extends Mono<? extends R>> mapper,
			T value, Context context) {
		Trampoline t = Trampoline.current();
		if (!t.canInline()) {
			return (step != null ? step : new EagerFlatMap<T, R>(mapper)).defer(t, value, null, context);
		}
		t.depth++;
		try {
			Mono<? extends R> r = mapper.apply(value);
			if (r == null) {
				// raised where stock raises it: Hooks.onOperatorError sees it as a thrown exception
				throw new NullPointerException("The mapper returned a null Mono");
			}
			return (Mono<R>) r;
		}
		catch (Throwable e) {
			return fail(e, value, context);
		}
		finally {
			t.exit();
		}
	}
}
