package io.reactoreager;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * A subscriber that takes the one outcome of a Mono-like source (a value, empty, or an error):
 * the one late-signal policy of the package's single-outcome subscribers (the lazy chain's, the
 * pending value's, {@code Eager.whenComplete}'s). The first signal is the outcome; a value after
 * it goes to {@code Hooks.onNextDropped}, an error after it to {@code Hooks.onErrorDropped}, and
 * a completion after a value (a Mono's normal end) is ignored.
 *
 * <p>An implementation must never request more than it needs and never deliver a second outcome.
 */
interface OutcomeSubscriber<T> extends CoreSubscriber<T> {

	/**
	 * Takes the outcome slot: {@code true} the first time, {@code false} ever after.
	 *
	 * @return whether this signal is the outcome
	 */
	boolean claimOutcome();

	/**
	 * The source's one outcome: {@code (value, null)}, {@code (null, null)} for empty, or
	 * {@code (null, error)}.
	 *
	 * @param value the value, or {@code null}
	 * @param error the error, or {@code null}
	 */
	void onOutcome(@Nullable T value, @Nullable Throwable error);

	@Override
	default void onNext(T t) {
		if (!claimOutcome()) {
			Operators.onNextDropped(t, currentContext());
			return;
		}
		onOutcome(t, null);
	}

	@Override
	default void onError(Throwable t) {
		if (!claimOutcome()) {
			Operators.onErrorDropped(t, currentContext());
			return;
		}
		onOutcome(null, t);
	}

	@Override
	default void onComplete() {
		if (claimOutcome()) {
			onOutcome(null, null);
		}
	}

	/**
	 * An outcome whose receiver can no longer take it (cancelled, or already completed): a value
	 * goes through the discard hook, an error to {@code Hooks.onErrorDropped}.
	 *
	 * @param value the value, or {@code null}
	 * @param error the error, or {@code null}
	 * @param context the Context whose hooks apply
	 */
	static void refuse(@Nullable Object value, @Nullable Throwable error, Context context) {
		if (value != null) {
			Operators.onDiscard(value, context);
		}
		if (error != null) {
			Operators.onErrorDropped(error, context);
		}
	}
}
