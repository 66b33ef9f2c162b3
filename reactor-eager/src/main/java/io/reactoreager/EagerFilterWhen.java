package io.reactoreager;

import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * {@code filterWhen}: keeps the value when the first value of the predicate's Publisher is
 * {@code true}; {@code false} or an empty predicate completes empty (discarding the value); a
 * predicate error fails (discarding the value). A resolved predicate result is used at once, a
 * pending one is awaited with one continuation, a lazy one is subscribed (a Flux predicate is
 * cancelled after its first value, as stock). Empty and error inputs pass through. The predicate
 * runs under the inline depth bound ({@link EagerReentrantStep}).
 */
final class EagerFilterWhen<T> extends EagerReentrantStep<T, T> {

	final Function<? super T, ? extends Publisher<Boolean>> predicate;

	EagerFilterWhen(Function<? super T, ? extends Publisher<Boolean>> predicate) {
		this.predicate = predicate;
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.FILTER_WHEN;
	}

	@Override
	Mono<T> stock(Mono<T> source) {
		return source.filterWhen(predicate);
	}

	@Override
	@SuppressWarnings("unchecked")
	Mono<T> onValue(T value, Context context) {
		Publisher<Boolean> p;
		try {
			p = predicate.apply(value);
		}
		catch (Throwable e) {
			Mono<T> failed = failPlain(e);
			Operators.onDiscard(value, context);
			return failed;
		}
		if (p == null) {
			Operators.onDiscard(value, context);
			return MonoResolved.ofError(new NullPointerException("The asyncPredicate returned a null value"));
		}
		Object o = PublisherOutcome.peek(p);
		if (o != PublisherOutcome.NOT_RESOLVED) {
			return verdict(value, o, context);
		}
		Mono<Boolean> m = p instanceof Mono ? (Mono<Boolean>) p : Mono.from(p);
		return new Verdict<>(value).applyEager(m);
	}

	/** The outcome for a resolved predicate result: a Boolean, null (empty), or a failure. */
	static <T> Mono<T> verdict(T value, @Nullable Object result, Context context) {
		if (result instanceof MonoResolved.Failure f) {
			Operators.onDiscard(value, context);
			return MonoResolved.ofError(f.error);
		}
		if (Boolean.TRUE.equals(result)) {
			return MonoResolved.ofValue(value);
		}
		Operators.onDiscard(value, context);
		return MonoResolved.ofEmpty();
	}

	/** Maps the predicate's pending or lazy result to the outcome, holding the tested value. */
	static final class Verdict<T> extends EagerDerivedStep<Boolean, T> {

		final T value;

		Verdict(T value) {
			super(EagerOperator.FILTER_WHEN);
			this.value = value;
		}

		@Override
		Mono<T> onValue(Boolean result, Context context) {
			return verdict(value, result, context);
		}

		@Override
		Mono<T> onEmpty(Context context) {
			return verdict(value, null, context);
		}

		@Override
		Mono<T> onError(Throwable error, Context context) {
			Operators.onDiscard(value, context);
			return MonoResolved.ofError(error);
		}
	}
}
