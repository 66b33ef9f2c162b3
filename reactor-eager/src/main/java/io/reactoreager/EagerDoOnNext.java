package io.reactoreager;

import java.util.function.Consumer;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * {@code doOnNext}: runs a side effect with the value, which then passes through unchanged. A
 * throwing side effect fails as with stock {@code doOnNext} ({@link EagerStep#failOnNext}).
 */
final class EagerDoOnNext<T> extends EagerStep<T, T> {

	final Consumer<? super T> onNext;

	EagerDoOnNext(Consumer<? super T> onNext) {
		this.onNext = onNext;
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.DO_ON_NEXT;
	}

	@Override
	Mono<T> stock(Mono<T> source) {
		return source.doOnNext(onNext);
	}

	@Override
	Mono<T> onValue(T value, Context context) {
		try {
			onNext.accept(value);
		}
		catch (Throwable e) {
			return failOnNext(e, value, context);
		}
		return null;
	}
}
