package io.reactoreager;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/** {@code thenReturn}: on success (value or empty) completes with the given value; errors pass through. */
final class EagerThenReturn<T, V> extends EagerStep<T, V> {

	final V result;
	final MonoResolved<V> resolvedResult;

	EagerThenReturn(V result) {
		this.result = result;
		this.resolvedResult = MonoResolved.ofValue(result);
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.THEN_RETURN;
	}

	@Override
	Mono<V> stock(Mono<T> source) {
		return source.thenReturn(result);
	}

	@Override
	Mono<V> onValue(T value, Context context) {
		Operators.onDiscard(value, context);
		return resolvedResult;
	}

	@Override
	Mono<V> onEmpty(Context context) {
		return resolvedResult;
	}
}
