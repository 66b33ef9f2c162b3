package io.reactoreager;

import org.reactivestreams.Publisher;
import reactor.core.Exceptions;
import reactor.core.Fuseable;
import reactor.util.annotation.Nullable;

/**
 * The one place that decides what kind of input a Publisher is for an eager operator, and reads
 * the outcome of a resolved one without subscribing:
 * <ul>
 *   <li><b>resolved</b>: {@code Mono.just/empty/error} and {@code Flux.just/empty/error}
 *       (Reactor's {@link Fuseable.ScalarCallable}; a resolved eager Mono is one), or a pending
 *       eager Mono that has finished;</li>
 *   <li><b>pending</b>: an eager Mono started and not finished ({@link #pending});</li>
 *   <li><b>lazy</b>: anything else.</li>
 * </ul>
 * Reading allocates nothing unless the outcome is an error.
 *
 * <p>It must never subscribe, never throw, and never call anything but a {@code ScalarCallable}'s
 * {@code call()} (which only returns what it holds, or throws the error it holds: a fatal one
 * makes the publisher count as lazy for {@link #peek}).
 */
final class PublisherOutcome {

	/** Returned by {@link #peek} when the publisher is pending or lazy. */
	static final Object NOT_RESOLVED = new Object();

	private PublisherOutcome() {
	}

	/**
	 * Whether the outcome of {@code p} is known now. Reads nothing (a {@code ScalarCallable}
	 * holding a fatal error counts as resolved here, and {@link #peek} then says it is not).
	 */
	static boolean isResolved(Publisher<?> p) {
		if (p instanceof MonoPending<?> mp) {
			return mp.isDone();
		}
		return p instanceof Fuseable.ScalarCallable;
	}

	/** {@code p} as a pending value still running, or {@code null} if it is resolved or lazy. */
	@Nullable
	static MonoPending<?> pending(Publisher<?> p) {
		return p instanceof MonoPending<?> mp && !mp.isDone() ? mp : null;
	}

	/**
	 * The outcome of {@code p} if it is resolved: its value, {@code null} for empty, or a
	 * {@link MonoResolved.Failure} (the error outcome shared with {@link MonoResolved}); else {@link #NOT_RESOLVED}.
	 */
	@Nullable
	static Object peek(Publisher<?> p) {
		if (p instanceof MonoResolved<?> r) {
			return r.outcome();
		}
		if (p instanceof MonoPending<?> pending) {
			if (!pending.isDone()) {
				return NOT_RESOLVED;
			}
			if (pending.error != null) {
				pending.observed();
				return new MonoResolved.Failure(pending.error);
			}
			return pending.value;
		}
		if (p instanceof Fuseable.ScalarCallable<?> c) {
			try {
				return c.call();
			}
			catch (Throwable t) {
				if (Exceptions.isFatal(t)) {
					// Mono.error(fatal).call() throws it: classifying must not, so the publisher
					// is treated as lazy and delivers (or throws) its error where stock does, at
					// subscription
					return NOT_RESOLVED;
				}
				return new MonoResolved.Failure(Exceptions.unwrap(t));
			}
		}
		return NOT_RESOLVED;
	}

	/** The error of an outcome returned by {@link #peek}, or {@code null}. */
	@Nullable
	static Throwable error(@Nullable Object outcome) {
		return outcome instanceof MonoResolved.Failure f ? f.error : null;
	}

	/** The value of an outcome returned by {@link #peek}, or {@code null} if empty or failed. */
	@Nullable
	static Object value(@Nullable Object outcome) {
		return outcome instanceof MonoResolved.Failure ? null : outcome;
	}
}
