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
 * <p>It must never subscribe and never call anything but a {@code ScalarCallable}'s
 * {@code call()} (which only returns what it holds).
 */
final class PublisherOutcome {

	/** Returned by {@link #peek} when the publisher is pending or lazy. */
	static final Object NOT_RESOLVED = new Object();

	private PublisherOutcome() {
	}

	/**
	 * The outcome of {@code p} if it is resolved: its value, {@code null} for empty, or a
	 * {@link Failure}; else {@link #NOT_RESOLVED}.
	 */
	@Nullable
	static Object peek(Publisher<?> p) {
		if (p instanceof MonoResolved<?> r) {
			Throwable e = r.error();
			return e != null ? new Failure(e) : r.value();
		}
		if (p instanceof MonoPending<?> pending) {
			if (!pending.isDone()) {
				return NOT_RESOLVED;
			}
			if (pending.error != null) {
				pending.observed();
				return new Failure(pending.error);
			}
			return pending.value;
		}
		if (p instanceof Fuseable.ScalarCallable<?> c) {
			try {
				return c.call();
			}
			catch (Throwable t) {
				Exceptions.throwIfFatal(t);
				return new Failure(Exceptions.unwrap(t));
			}
		}
		return NOT_RESOLVED;
	}

	/** A resolved error outcome (distinct from a value that happens to be a Throwable). */
	static final class Failure {

		final Throwable error;

		Failure(Throwable error) {
			this.error = error;
		}
	}
}
