package io.reactoreager;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/** {@code switchIfEmpty}: when empty, the alternative Mono (resolved, pending or lazy) becomes the outcome. */
final class EagerSwitchIfEmpty<T> extends EagerStep<T, T> {

	final Mono<? extends T> alternate;

	EagerSwitchIfEmpty(Mono<? extends T> alternate) {
		this.alternate = alternate;
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.SWITCH_IF_EMPTY;
	}

	@Override
	Mono<T> stock(Mono<T> source) {
		return source.switchIfEmpty(alternate);
	}

	@Override
	Mono<T> onValue(T value, Context context) {
		return null;
	}

	@Override
	@SuppressWarnings("unchecked")
	Mono<T> onEmpty(Context context) {
		return (Mono<T>) alternate;
	}
}
