package io.reactoreager;

import java.util.function.Predicate;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/** {@code filter}: keeps the value if the predicate holds, else completes empty (discarding it). */
final class EagerFilter<T> extends EagerStep<T, T> {

	final Predicate<? super T> predicate;

	EagerFilter(Predicate<? super T> predicate) {
		super(EagerOperator.FILTER);
		this.predicate = predicate;
	}

	@Override
	Mono<T> stock(Mono<T> source) {
		return source.filter(predicate);
	}

	@Override
	Mono<T> onValue(T value, Context context) {
		boolean keep;
		try {
			keep = predicate.test(value);
		}
		catch (Throwable e) {
			return fail(e);
		}
		if (keep) {
			return null;
		}
		Operators.onDiscard(value, context);
		return MonoResolved.ofEmpty();
	}
}
