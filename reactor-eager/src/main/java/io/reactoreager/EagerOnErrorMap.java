package io.reactoreager;

import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/** {@code onErrorMap}: replaces the error with the mapper's; values and empty pass through. */
final class EagerOnErrorMap<T> extends EagerStep<T, T> {

	final Function<? super Throwable, ? extends Throwable> mapper;

	EagerOnErrorMap(Function<? super Throwable, ? extends Throwable> mapper) {
		this.mapper = mapper;
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.ON_ERROR_MAP;
	}

	@Override
	Mono<T> stock(Mono<T> source) {
		return source.onErrorMap(mapper);
	}

	@Override
	Mono<T> onValue(T value, Context context) {
		return null;
	}

	@Override
	Mono<T> onError(Throwable error, Context context) {
		Throwable mapped;
		try {
			mapped = mapper.apply(error);
			if (mapped == null) {
				// stock onErrorMap is onErrorResume(e -> Mono.error(mapper.apply(e))): Mono.error(null)
				throw new NullPointerException("error");
			}
		}
		catch (Throwable e) {
			return failFallback(e, error, context);
		}
		return MonoResolved.ofError(mapped);
	}
}
