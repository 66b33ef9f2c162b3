package io.reactoreager;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/** {@code onErrorReturn}: on error, completes with the fallback value; nothing else changes. */
final class EagerOnErrorReturn<T> extends EagerStep<T, T> {

	final T fallback;
	final MonoResolved<T> resolvedFallback;

	EagerOnErrorReturn(T fallback) {
		this.fallback = fallback;
		this.resolvedFallback = MonoResolved.ofValue(fallback);
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.ON_ERROR_RETURN;
	}

	@Override
	Mono<T> stock(Mono<T> source) {
		return source.onErrorReturn(fallback);
	}

	@Override
	Mono<T> onValue(T value, Context context) {
		return null;
	}

	@Override
	Mono<T> onError(Throwable error, Context context) {
		return resolvedFallback;
	}
}
