package io.reactoreager;

import java.util.concurrent.Callable;

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
 * {@link #kind} decides; an operator then reads a resolved input with {@link #peek} at assembly
 * (a Mono step), or has an inner handed to it by kind with {@link #inner} at subscription (a Flux
 * operator's inner). Reading allocates nothing unless the outcome is an error.
 *
 * <p>It must never subscribe, never throw, and never call anything but a {@code ScalarCallable}'s
 * {@code call()} (which only returns what it holds, or throws the error it holds: a fatal one
 * makes the publisher count as lazy for {@link #peek}), or, for {@link #inner} when asked to, the
 * {@code call()} of a {@code Callable} inner, which stock {@code flatMap} and {@code concatMap}
 * run in the same place.
 */
final class PublisherOutcome {

	/** Returned by {@link #peek} when the publisher is pending or lazy. */
	static final Object NOT_RESOLVED = new Object();

	/** What a Publisher is to an eager operator; {@link #kind} decides. */
	enum Kind {
		/** The outcome is known now: read it with {@link #peek}, or through {@link #inner}. */
		RESOLVED,
		/** Started and not finished: the operator registers one continuation. */
		PENDING,
		/**
		 * A {@link Callable} that is not a {@code ScalarCallable} ({@code Mono.fromCallable}):
		 * lazy work that stock {@code flatMap} and {@code concatMap} call in place instead of
		 * subscribing it. Only when the caller asks for it; {@link #LAZY} otherwise.
		 */
		CALLABLE,
		/** Anything else: subscribed when the operator is, with the subscriber's Context. */
		LAZY
	}

	/**
	 * What an operator does with an inner Publisher of each kind, as {@link #inner} hands it
	 * over. The operator's subscriber implements it itself, so that handing over allocates nothing.
	 *
	 * @param <A> what the operator passes along (the source element the inner was mapped from)
	 * @param <R> the inner's value type
	 */
	interface InnerHandler<A, R> {

		/**
		 * A resolved inner, or a fused {@link Kind#CALLABLE} one: its value, {@code (null, null)}
		 * for empty, or its error.
		 */
		void onResolvedInner(A a, @Nullable R value, @Nullable Throwable error);

		/**
		 * A pending inner that had finished when the function returned it (marked observed): by
		 * default as a resolved one. Stock subscribes such an inner (it is no {@code Callable}), so
		 * an operator whose stock twin treats a subscribed inner's error apart from a
		 * {@code Callable}'s overrides this.
		 */
		default void onFinishedPendingInner(A a, @Nullable R value, @Nullable Throwable error) {
			onResolvedInner(a, value, error);
		}

		/** A pending inner still running: the operator registers its continuation on it. */
		void onPendingInner(A a, MonoPending<? extends R> pending);

		/** A lazy inner: the operator subscribes it. */
		void onLazyInner(A a, Publisher<? extends R> inner);
	}

	private PublisherOutcome() {
	}

	/**
	 * What {@code p} is, reading nothing: {@link Kind#RESOLVED}, {@link Kind#PENDING} or
	 * {@link Kind#LAZY}. A {@code ScalarCallable} holding a fatal error counts as resolved here,
	 * and {@link #peek} then says it is not.
	 */
	static Kind kind(Publisher<?> p) {
		return kind(p, false);
	}

	/**
	 * {@link #kind(Publisher)}, where {@code fuseCallable} also tells a {@link Kind#CALLABLE}
	 * apart from the lazy publishers.
	 */
	static Kind kind(Publisher<?> p, boolean fuseCallable) {
		if (p instanceof MonoResolved) {
			return Kind.RESOLVED;
		}
		if (p instanceof MonoPending<?> mp) {
			return mp.isDone() ? Kind.RESOLVED : Kind.PENDING;
		}
		if (p instanceof Fuseable.ScalarCallable) {
			return Kind.RESOLVED;
		}
		return fuseCallable && p instanceof Callable ? Kind.CALLABLE : Kind.LAZY;
	}

	/**
	 * Whether the outcome of {@code p} is known now. Reads nothing (a {@code ScalarCallable}
	 * holding a fatal error counts as resolved here, and {@link #peek} then says it is not).
	 */
	static boolean isResolved(Publisher<?> p) {
		return kind(p) == Kind.RESOLVED;
	}

	/** {@code p} as a pending value still running, or {@code null} if it is resolved or lazy. */
	@Nullable
	static MonoPending<?> pending(Publisher<?> p) {
		return p instanceof MonoPending<?> mp && !mp.isDone() ? mp : null;
	}

	/**
	 * {@code p} as an eager pending value, running or finished, or {@code null}: for a caller that
	 * must register on it even when finished (registering marks its error observed and hands on
	 * what it dropped), or mark it observed.
	 */
	@Nullable
	static MonoPending<?> eagerPending(Publisher<?> p) {
		return p instanceof MonoPending<?> mp ? mp : null;
	}

	/**
	 * Whether {@code p} is resolved by Reactor's own contract, a {@link Fuseable.ScalarCallable}
	 * ({@code Mono.just/empty/error}, a resolved eager Mono): what stock operators read with
	 * {@code call()}, and what {@link #peek} treats as lazy when it holds a fatal error.
	 */
	static boolean isScalar(Publisher<?> p) {
		return p instanceof Fuseable.ScalarCallable;
	}

	/**
	 * Whether {@code p} is a resolved eager Mono: built only while the switch was on, and read as
	 * resolved even after it is turned off (a Reactor {@code ScalarCallable} then counts as lazy
	 * where an operator follows the switch).
	 */
	static boolean isEagerResolved(Publisher<?> p) {
		return p instanceof MonoResolved;
	}

	/**
	 * Marks the error of {@code p}, if it is a finished pending that failed, as observed: for an
	 * operator that hands a resolved input on unchanged.
	 */
	static void observe(Publisher<?> p) {
		if (p instanceof MonoPending<?> mp && mp.isDone() && mp.error != null) {
			mp.observed();
		}
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

	/**
	 * Hands an inner Publisher (one a Flux operator's function returned, at subscription) to
	 * {@code handler} by {@link #kind}, counted under {@code operator}: resolved inline (a finished
	 * pending is marked observed and handed over apart), pending suspended, lazy as a lazy
	 * subscription.
	 *
	 * <p>A {@code ScalarCallable} inner is read with {@code call()}. With {@code fuseCallable}, as
	 * stock {@code flatMap} and {@code concatMap} read their inners, any other {@link Callable} is
	 * called in place too (counted as a lazy subscription, handed over as resolved) and an error
	 * is handed over as {@code call()} threw it; without, as subscribing delivers it
	 * ({@link Exceptions#unwrap}).
	 */
	@SuppressWarnings("unchecked")
	static <A, R> void inner(Publisher<? extends R> p, A a, EagerOperator operator, boolean fuseCallable,
			InnerHandler<A, R> handler) {
		// the resolved kinds first, in a method small enough for the JIT to inline into the
		// operator's onNext: a Mono.just inner is then never allocated (escape analysis)
		if (p instanceof MonoResolved<?> m) {
			Trampoline.count(operator, EagerStats.Kind.INLINE);
			handler.onResolvedInner(a, (R) m.value(), m.error());
		}
		else if (p instanceof Fuseable.ScalarCallable) {
			Trampoline.count(operator, EagerStats.Kind.INLINE);
			call((Callable<R>) p, a, fuseCallable, handler);
		}
		else {
			notScalar(p, a, operator, fuseCallable, handler);
		}
	}

	/** {@link #inner} for a publisher that is no {@code ScalarCallable}: by {@link #kind}. */
	@SuppressWarnings("unchecked")
	private static <A, R> void notScalar(Publisher<? extends R> p, A a, EagerOperator operator, boolean fuseCallable,
			InnerHandler<A, R> handler) {
		switch (kind(p, fuseCallable)) {
			case RESOLVED: {
				Trampoline.count(operator, EagerStats.Kind.INLINE);
				MonoPending<?> done = (MonoPending<?>) p;
				done.observed();
				handler.onFinishedPendingInner(a, (R) done.value, done.error);
				return;
			}
			case PENDING:
				Trampoline.count(operator, EagerStats.Kind.SUSPENDED);
				handler.onPendingInner(a, (MonoPending<? extends R>) p);
				return;
			case CALLABLE:
				Trampoline.count(operator, EagerStats.Kind.LAZY_SUBSCRIPTION);
				call((Callable<R>) p, a, true, handler);
				return;
			default:
				Trampoline.count(operator, EagerStats.Kind.LAZY_SUBSCRIPTION);
				handler.onLazyInner(a, p);
		}
	}

	private static <A, R> void call(Callable<R> c, A a, boolean raw, InnerHandler<A, R> handler) {
		R v;
		try {
			v = c.call();
		}
		catch (Throwable e) {
			handler.onResolvedInner(a, null, raw ? e : Exceptions.unwrap(e));
			return;
		}
		handler.onResolvedInner(a, v, null);
	}

	/**
	 * Reads a {@link Kind#RESOLVED} or {@link Kind#CALLABLE} publisher as stock's scalar shortcut
	 * reads a {@link Callable}: returns its value, or {@code null} for empty, and throws its error
	 * (a finished pending is marked observed).
	 */
	@Nullable
	static Object call(Publisher<?> p) throws Throwable {
		if (p instanceof MonoPending<?> done) {
			done.observed();
			if (done.error != null) {
				throw done.error;
			}
			return done.value;
		}
		return ((Callable<?>) p).call();
	}
}
