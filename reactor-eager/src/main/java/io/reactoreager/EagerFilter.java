package io.reactoreager;

import java.util.function.Predicate;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * {@code filter}: keeps the value if the predicate holds, else completes empty (discarding it).
 * A throwing predicate fails as with stock {@code filter} ({@link EagerStep#failOnNext}).
 */
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
		return test(predicate, value, context);
	}

	/**
	 * The filter step on a value: {@code null} to keep it, the resolved empty to drop it (the
	 * value is discarded), or the outcome of a throwing predicate ({@link EagerStep#failOnNext};
	 * the value is discarded too, as stock {@code filter} discards it).
	 */
	@Nullable
	static <T> Mono<T> test(Predicate<? super T> predicate, T value, Context context) {
		boolean keep;
		try {
			keep = predicate.test(value);
		}
		catch (Throwable e) {
			Mono<T> failed = failOnNext(e, value, context);
			Operators.onDiscard(value, context);
			return failed;
		}
		if (keep) {
			return null;
		}
		Operators.onDiscard(value, context);
		return MonoResolved.ofEmpty();
	}
}
