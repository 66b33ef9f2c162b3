package io.reactoreager;

import java.util.function.BiFunction;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * {@code zipWhen}: the generator's Mono (the right-hand side) is resolved at once, awaited with
 * one continuation if pending, or subscribed if lazy; its value is combined with the input value.
 * An empty right-hand side completes empty, its error fails; empty and error inputs pass
 * through. The generator runs under the inline depth bound ({@link EagerReentrantStep}).
 */
final class EagerZipWhen<T, U, R> extends EagerReentrantStep<T, R> {

	final Function<? super T, ? extends Mono<? extends U>> rightGenerator;
	final BiFunction<? super T, ? super U, ? extends R> combinator;

	EagerZipWhen(Function<? super T, ? extends Mono<? extends U>> rightGenerator,
			BiFunction<? super T, ? super U, ? extends R> combinator) {
		this.rightGenerator = rightGenerator;
		this.combinator = combinator;
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.ZIP_WHEN;
	}

	@Override
	Mono<R> stock(Mono<T> source) {
		return source.zipWhen(t -> rightGenerator.apply(t), (t, u) -> combinator.apply(t, u));
	}

	@Override
	@SuppressWarnings("unchecked")
	Mono<R> onValue(T value, Context context) {
		Mono<? extends U> right;
		try {
			right = rightGenerator.apply(value);
		}
		catch (Throwable e) {
			return fail(e, value, context);
		}
		if (right == null) {
			return fail(new NullPointerException("The rightGenerator returned a null Mono"), value, context);
		}
		Object o = PublisherOutcome.peek(right);
		if (o == PublisherOutcome.NOT_RESOLVED) {
			return new Combine<T, U, R>(value, combinator).applyEager((Mono<U>) right);
		}
		if (o instanceof MonoResolved.Failure f) {
			return MonoResolved.ofError(f.error);
		}
		return o == null ? MonoResolved.ofEmpty() : combine(value, (U) o, combinator, context);
	}

	/**
	 * The combination of the two values; a throwing or null-returning combinator fails as the
	 * {@code map} inside stock {@code zipWhen} fails ({@link EagerStep#failOnNext} on the right value).
	 */
	static <T, U, R> Mono<R> combine(T left, U right, BiFunction<? super T, ? super U, ? extends R> combinator, Context context) {
		R r;
		try {
			r = combinator.apply(left, right);
			if (r == null) {
				throw new NullPointerException("The mapper returned a null value.");
			}
		}
		catch (Throwable e) {
			return failOnNext(e, right, context);
		}
		return MonoResolved.ofValue(r);
	}

	/** Combines the pending or lazy right-hand side's value with the held left value. */
	static final class Combine<T, U, R> extends EagerDerivedStep<U, R> {

		final T left;
		final BiFunction<? super T, ? super U, ? extends R> combinator;

		Combine(T left, BiFunction<? super T, ? super U, ? extends R> combinator) {
			super(EagerOperator.ZIP_WHEN);
			this.left = left;
			this.combinator = combinator;
		}

		@Override
		@Nullable
		Mono<R> onValue(U right, Context context) {
			return combine(left, right, combinator, context);
		}
	}
}
