package io.reactoreager;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * {@code then()} and {@code then(Mono)}: ignores (discards) the value; on success (value or
 * empty) the outcome is empty, or the next Mono's (resolved, pending or lazy); errors pass through.
 */
final class EagerThen<T, V> extends EagerStep<T, V> {

	@Nullable
	final Mono<V> next;

	EagerThen(@Nullable Mono<V> next) {
		this.next = next;
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.THEN;
	}

	@Override
	@SuppressWarnings("unchecked")
	Mono<V> stock(Mono<T> source) {
		return next == null ? (Mono<V>) source.then() : source.then(next);
	}

	@Override
	Mono<V> onValue(T value, Context context) {
		Operators.onDiscard(value, context);
		return next == null ? MonoResolved.ofEmpty() : next;
	}

	@Override
	Mono<V> onEmpty(Context context) {
		return next;
	}
}
