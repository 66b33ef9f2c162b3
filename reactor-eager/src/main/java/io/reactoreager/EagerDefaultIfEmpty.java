package io.reactoreager;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/** {@code defaultIfEmpty}: when empty, completes with the default value; nothing else changes. */
final class EagerDefaultIfEmpty<T> extends EagerStep<T, T> {

	/**
	 * Only the value: its resolved Mono is built when an empty input needs it, so that building
	 * the step (with the switch off too, where the stock twin is built) costs one small object,
	 * not a second one for a default most inputs never use.
	 */
	final T defaultValue;

	EagerDefaultIfEmpty(T defaultValue) {
		this.defaultValue = defaultValue;
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
		return MonoResolved.ofValue(defaultValue);
	}
}
