package io.reactoreager;

import java.util.function.Predicate;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/** {@code filter}: keeps the value if the predicate holds, else completes empty (discarding it). */
final class EagerFilter<T> extends EagerStep<T, T> {

	final Predicate<? super T> predicate;

	EagerFilter(Predicate<? super T> predicate) {
		this.predicate = predicate;
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.FILTER;
	}

	@Override
	Mono<T> stock(Mono<T> source) {
		return source.filter(predicate);
	}

	@Override
	Mono<T> onValue(T value, Context context) {
		Mono<T> r = test(predicate, value);
		if (r == MonoResolved.EMPTY) {
			Operators.onDiscard(value, context);
		}
		return r;
	}

	/**
	 * The filter step on a value: {@code null} to keep it, the resolved empty to drop it, or the
	 * resolved error of a throwing predicate. Discarding is the caller's.
	 */
	static <T> Mono<T> test(Predicate<? super T> predicate, T value) {
		boolean keep;
		try {
			keep = predicate.test(value);
		}
		catch (Throwable e) {
			return fail(e);
		}
		return keep ? null : MonoResolved.ofEmpty();
	}
}
