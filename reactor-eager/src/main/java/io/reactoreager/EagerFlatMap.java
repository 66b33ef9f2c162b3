package io.reactoreager;

import java.util.function.Function;

import reactor.core.publisher.Mono;
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
	@SuppressWarnings("unchecked")
	Mono<R> onValue(T value, Context context) {
		Trampoline t = Trampoline.current();
		if (!t.canInline()) {
			return defer(t, value, null, context);
		}
		t.depth++;
		try {
			Mono<? extends R> r = mapper.apply(value);
			if (r == null) {
				return MonoResolved.ofError(new NullPointerException("The mapper returned a null Mono"));
			}
			return (Mono<R>) r;
		}
		catch (Throwable e) {
			return fail(e);
		}
		finally {
			t.exit();
		}
	}
}
