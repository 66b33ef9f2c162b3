package io.reactoreager;

import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * {@code onErrorResume}: on error, the fallback's Mono becomes the outcome (resolved, pending or
 * lazy); values and empty pass through. The fallback runs under the inline depth bound
 * ({@link EagerReentrantStep}).
 */
final class EagerOnErrorResume<T> extends EagerReentrantStep<T, T> {

	final Function<? super Throwable, ? extends Mono<? extends T>> fallback;

	EagerOnErrorResume(Function<? super Throwable, ? extends Mono<? extends T>> fallback) {
		this.fallback = fallback;
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.ON_ERROR_RESUME;
	}

	@Override
	Mono<T> stock(Mono<T> source) {
		return source.onErrorResume(fallback);
	}

	@Override
	boolean callsFunction(@Nullable Object v, @Nullable Throwable e) {
		return e != null;
	}

	@Override
	Mono<T> onValue(T value, Context context) {
		return null;
	}

	@Override
	@SuppressWarnings("unchecked")
	Mono<T> onError(Throwable error, Context context) {
		try {
			Mono<? extends T> r = fallback.apply(error);
			if (r == null) {
				throw new NullPointerException("The nextFactory returned a null Publisher");
			}
			return (Mono<T>) r;
		}
		catch (Throwable e) {
			return failFallback(e, error, context);
		}
	}
}
