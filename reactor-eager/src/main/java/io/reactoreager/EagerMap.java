package io.reactoreager;

import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/** {@code map}: applies a function to the value; empty and error pass through. */
final class EagerMap<T, R> extends EagerStep<T, R> {

	final Function<? super T, ? extends R> mapper;

	EagerMap(Function<? super T, ? extends R> mapper) {
		this.mapper = mapper;
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.MAP;
	}

	@Override
	Mono<R> stock(Mono<T> source) {
		return source.map(mapper);
	}

	@Override
	Mono<R> onValue(T value, Context context) {
		return mapValue(mapper, value);
	}

	/** The map step on a value: the resolved result, or the resolved error of a throwing or null-returning mapper. */
	static <T, R> Mono<R> mapValue(Function<? super T, ? extends R> mapper, T value) {
		R r;
		try {
			r = mapper.apply(value);
		}
		catch (Throwable e) {
			return fail(e);
		}
		if (r == null) {
			// the stock message (FluxMap, FluxMapFuseable), so that the error signal is the same
			return MonoResolved.ofError(new NullPointerException("The mapper [" + mapper.getClass().getName() + "] returned a null value."));
		}
		return MonoResolved.ofValue(r);
	}
}
