package io.reactoreager;

import org.reactivestreams.Publisher;
import reactor.core.Exceptions;
import reactor.core.Fuseable;
import reactor.util.annotation.Nullable;

/**
 * Reads the outcome of a <b>resolved</b> Publisher a user function returned (a predicate, a
 * trigger, a right-hand side), without subscribing: {@code Mono.just/empty/error} and
 * {@code Flux.just/empty/error} (Reactor's {@link Fuseable.ScalarCallable}), a resolved eager
 * Mono, or a pending one that has finished. Allocates nothing unless the outcome is an error.
 *
 * <p>It must never subscribe, never throw, and never call anything but a {@code ScalarCallable}'s
 * {@code call()} (which only returns what it holds, or throws the error it holds: a fatal one
 * makes the publisher count as lazy).
 */
final class PublisherOutcome {

	/** Returned by {@link #peek} when the publisher is pending or lazy. */
	static final Object NOT_RESOLVED = new Object();

	private PublisherOutcome() {
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
