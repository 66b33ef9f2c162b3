package io.reactoreager;

import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/** {@code map}: applies a function to the value; empty and error pass through. */
final class EagerMap<T, R> extends EagerStep<T, R> {

	final Function<? super T, ? extends R> mapper;

	EagerMap(Function<? super T, ? extends R> mapper) {
		super(EagerOperator.MAP);
		this.mapper = mapper;
	}

	@Override
	Mono<R> stock(Mono<T> source) {
		return source.map(mapper);
	}

	@Override
	Mono<R> onValue(T value, Context context) {
		R r;
		try {
			r = mapper.apply(value);
		}
		catch (Throwable e) {
			return fail(e);
		}
		if (r == null) {
			return MonoResolved.ofError(new NullPointerException("The mapper returned a null value."));
		}
		return MonoResolved.ofValue(r);
	}
}
