package io.reactoreager;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/** {@code defaultIfEmpty}: when empty, completes with the default value; nothing else changes. */
final class EagerDefaultIfEmpty<T> extends EagerStep<T, T> {

	final T defaultValue;
	final MonoResolved<T> resolvedDefault;

	EagerDefaultIfEmpty(T defaultValue) {
		this.defaultValue = defaultValue;
		this.resolvedDefault = MonoResolved.ofValue(defaultValue);
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.DEFAULT_IF_EMPTY;
	}

	@Override
	Mono<T> stock(Mono<T> source) {
		return source.defaultIfEmpty(defaultValue);
	}

	@Override
	Mono<T> onValue(T value, Context context) {
		return null;
	}

	@Override
	Mono<T> onEmpty(Context context) {
		return resolvedDefault;
	}
}
