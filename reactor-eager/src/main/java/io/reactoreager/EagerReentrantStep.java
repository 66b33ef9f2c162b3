package io.reactoreager;

import reactor.core.publisher.Mono;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * A step whose user function returns a Mono ({@code flatMap}, {@code onErrorResume},
 * {@code filterWhen}, {@code zipWhen}, {@code delayUntil}): that function can re-enter eager code
 * (a recursive {@code flatMap} applies more steps to a resolved value before it returns), so it
 * runs under the thread's inline depth bound. This class is the one place that bound is kept for
 * steps: past it, the step is deferred to the thread's {@link Trampoline} and a pending stands in
 * for its outcome until the outermost eager frame runs it.
 *
 * <p>Steps whose function returns a plain value ({@code map}, {@code filter}, {@code handle},
 * ...) return before the next step starts: they extend {@link EagerStep} directly and touch no
 * per-thread state.
 */
abstract class EagerReentrantStep<T, R> extends EagerStep<T, R> {

	/**
	 * Whether this outcome reaches the user function: a value, by default; an error for the
	 * error fallbacks. An outcome that only passes through needs no bound.
	 */
	boolean callsFunction(@Nullable Object v, @Nullable Throwable e) {
		return e == null && v != null;
	}

	/** Applies the step inside one more inline frame, or defers it past the bound. */
	final Mono<R> applyBounded(@Nullable Object v, @Nullable Throwable e, Context context) {
		Trampoline t = enter();
		if (t == null) {
			return defer(Trampoline.current(), v, e, context);
		}
		try {
			return dispatch(v, e, context);
		}
		finally {
			t.exit();
		}
	}

	/**
	 * Enters one more inline frame on this thread and returns its trampoline, whose
	 * {@link Trampoline#exit()} the caller must call in a {@code finally}; {@code null} past the
	 * bound, where the caller defers its step instead.
	 */
	@Nullable
	static Trampoline enter() {
		Trampoline t = Trampoline.current();
		if (!t.canInline()) {
			return null;
		}
		t.depth++;
		return t;
	}

	/**
	 * Past the inline depth bound: queues the step on the thread's trampoline; a pending stands in
	 * for its outcome and completes once the outermost eager frame runs it.
	 */
	@SuppressWarnings("unchecked")
	private Mono<R> defer(Trampoline t, @Nullable Object v, @Nullable Throwable e, Context context) {
		MonoPending<R> deferred = new MonoPending<>(operator(), (EagerStep<Object, R>) this, context);
		t.defer(deferred, v, e);
		return deferred;
	}
}
