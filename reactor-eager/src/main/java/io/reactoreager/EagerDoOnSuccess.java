package io.reactoreager;

import java.util.function.Consumer;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * {@code doOnSuccess}: runs a side effect with the value, or with {@code null} when the Mono
 * completes empty; an error passes through without it. A throwing side effect fails as with stock
 * {@code doOnSuccess}: through {@code Hooks.onOperatorError} ({@link EagerStep#fail}), with no
 * {@code onErrorContinue}.
 */
final class EagerDoOnSuccess<T> extends EagerStep<T, T> {

	final Consumer<? super T> onSuccess;

	EagerDoOnSuccess(Consumer<? super T> onSuccess) {
		this.onSuccess = onSuccess;
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.DO_ON_SUCCESS;
	}

	@Override
	Mono<T> stock(Mono<T> source) {
		return source.doOnSuccess(onSuccess);
	}

	@Override
	Mono<T> onValue(T value, Context context) {
		return call(value, context);
	}

	@Override
	Mono<T> onEmpty(Context context) {
		return call(null, context);
	}

	private Mono<T> call(T value, Context context) {
		try {
			onSuccess.accept(value);
		}
		catch (Throwable e) {
			return fail(e, value, context);
		}
		return null;
	}
}
