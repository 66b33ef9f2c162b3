package io.reactoreager;

import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * {@code map}: applies a function to the value; empty and error pass through. A throwing or
 * null-returning function fails as with stock {@code map} ({@link EagerStep#failOnNext}).
 */
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
		return mapValue(mapper, value, context);
	}

	/**
	 * The map step on a value: the resolved result, or the outcome of a throwing or
	 * null-returning mapper ({@link EagerStep#failOnNext}).
	 */
	static <T, R> Mono<R> mapValue(Function<? super T, ? extends R> mapper, T value, Context context) {
		R r;
		try {
			r = call(mapper, value);
		}
		catch (Throwable e) {
			return failOnNext(e, value, context);
		}
		return MonoResolved.ofValue(r);
	}

	/**
	 * The mapper's result; a null result is thrown as stock {@code map} raises it. The caller
	 * reports what this throws ({@link EagerStep#failOnNext}).
	 */
	static <T, R> R call(Function<? super T, ? extends R> mapper, T value) {
		R r = mapper.apply(value);
		if (r == null) {
			// the stock message (FluxMap, FluxMapFuseable), raised where stock raises it: the
			// hooks see it as they see a thrown exception
			throw new NullPointerException("The mapper [" + mapper.getClass().getName() + "] returned a null value.");
		}
		return r;
	}
}
