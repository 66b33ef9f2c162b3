package io.reactoreager;

import java.util.function.Consumer;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * {@code doOnError}: runs a side effect with the error, which then passes through; if the side
 * effect throws, that exception becomes the error, through {@code Hooks.onOperatorError} and with
 * the original one suppressed (as stock).
 */
final class EagerDoOnError<T> extends EagerStep<T, T> {

	final Consumer<? super Throwable> onError;

	EagerDoOnError(Consumer<? super Throwable> onError) {
		this.onError = onError;
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.DO_ON_ERROR;
	}

	@Override
	Mono<T> stock(Mono<T> source) {
		return source.doOnError(onError);
	}

	@Override
	Mono<T> onValue(T value, Context context) {
		return null;
	}

	@Override
	Mono<T> onError(Throwable error, Context context) {
		try {
			onError.accept(error);
		}
		catch (Throwable e) {
			// through Hooks.onOperatorError; with no hook, e with the original error suppressed
			return fail(e, error, context);
		}
		return null;
	}
}
