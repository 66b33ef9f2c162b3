package io.reactoreager;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.Fuseable;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;

/**
 * A <b>resolved</b> Mono made by the eager operators: its outcome (a value, empty, or an error)
 * is known at assembly. It is a {@link Fuseable.ScalarCallable}, so stock Reactor operators fuse
 * it like {@code Mono.just}, and it skips the assembly hook: building one is one small object.
 *
 * <p>It must never hold anything that is not already computed.
 */
final class MonoResolved<T> extends Mono<T> implements Fuseable.ScalarCallable<T>, Fuseable, Scannable {

	static final MonoResolved<Object> EMPTY = new MonoResolved<>(null);
	/** The shared resolved verdicts of {@link Eager#just}. */
	static final MonoResolved<Boolean> TRUE = new MonoResolved<>(Boolean.TRUE);
	static final MonoResolved<Boolean> FALSE = new MonoResolved<>(Boolean.FALSE);

	/**
	 * The value, {@code null} for empty, or a {@link Failure}: one field, so that a resolved value
	 * costs the smallest object the JVM has (16 bytes with compressed oops).
	 */
	@Nullable
	private final Object outcome;

	private MonoResolved(@Nullable Object outcome) {
		this.outcome = outcome;
	}

	static <T> MonoResolved<T> ofValue(T value) {
		return new MonoResolved<>(value);
	}

	@SuppressWarnings("unchecked")
	static <T> MonoResolved<T> ofEmpty() {
		return (MonoResolved<T>) EMPTY;
	}

	static <T> MonoResolved<T> ofError(Throwable error) {
		return new MonoResolved<>(new Failure(error));
	}

	/** The resolved Mono for an outcome triple (value, empty, error). */
	static <T> MonoResolved<T> of(@Nullable T value, @Nullable Throwable error) {
		if (error != null) {
			return ofError(error);
		}
		return value == null ? ofEmpty() : ofValue(value);
	}

	/**
	 * {@code m} passed through Reactor's assembly hooks ({@code Hooks.onEachOperator},
	 * {@code Hooks.onOperatorDebug}) as {@code Mono.transform} passes its result: for the fluent
	 * chain, whose steps do not go through {@code transform}.
	 */
	static <T> Mono<T> assembled(Mono<T> m) {
		return Mono.onAssembly(m);
	}

	/** The raw outcome: the value, {@code null} for empty, or a {@link Failure}. */
	@Nullable
	Object outcome() {
		return outcome;
	}

	/** The value, or {@code null} if empty or failed. */
	@Nullable
	@SuppressWarnings("unchecked")
	T value() {
		Object o = outcome;
		return o instanceof Failure ? null : (T) o;
	}

	/** The error, or {@code null}. */
	@Nullable
	Throwable error() {
		return outcome instanceof Failure f ? f.error : null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void subscribe(CoreSubscriber<? super T> actual) {
		Object o = outcome;
		if (o instanceof Failure f) {
			Operators.error(actual, f.error);
		}
		else if (o == null) {
			Operators.complete(actual);
		}
		else {
			actual.onSubscribe(new ValueSubscription<>(actual, (T) o));
		}
	}

	@Override
	@Nullable
	public T call() throws Exception {
		Throwable error = error();
		if (error != null) {
			if (error instanceof Exception e) {
				throw e;
			}
			throw Exceptions.propagate(error);
		}
		return value();
	}

	/**
	 * The value, {@code null} if empty, or the error thrown as stock's blocking subscriber throws
	 * it: unchecked ({@link Exceptions#propagate}) with a suppressed
	 * {@code "#block terminated with an error"} exception that records where {@code block()} was
	 * called.
	 */
	@Override
	@Nullable
	public T block() {
		Throwable error = error();
		if (error != null) {
			RuntimeException re = Exceptions.propagate(error);
			re.addSuppressed(new Exception("#block terminated with an error"));
			throw re;
		}
		return value();
	}

	@Override
	@Nullable
	public T block(Duration timeout) {
		return block();
	}

	@Override
	@Nullable
	public Object scanUnsafe(Attr key) {
		if (key == Attr.TERMINATED) {
			return true;
		}
		if (key == Attr.ERROR) {
			return error();
		}
		if (key == Attr.RUN_STYLE) {
			return Attr.RunStyle.SYNC;
		}
		return null;
	}

	@Override
	public String toString() {
		Object o = outcome;
		return o instanceof Failure f ? "Eager.resolved(error " + f.error + ")" : o == null ? "Eager.resolved(empty)" : "Eager.resolved(" + o + ")";
	}

	/** The outcome of a failed resolved Mono. */
	static final class Failure {

		final Throwable error;

		Failure(Throwable error) {
			this.error = error;
		}
	}

	/**
	 * The subscription of one subscriber to a resolved value: delivers it on the first request,
	 * or, fused in {@link Fuseable#SYNC} mode (the contract of a {@link Fuseable} source, which
	 * stock operators such as {@code map} and {@code filter} rely on), from the first
	 * {@link #poll()}.
	 */
	static final class ValueSubscription<T> implements Fuseable.SynchronousSubscription<T>, Scannable {

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<ValueSubscription> ONCE =
				AtomicIntegerFieldUpdater.newUpdater(ValueSubscription.class, "once");

		final CoreSubscriber<? super T> actual;
		final T value;

		/** 0: not delivered; 1: delivered (or cleared); 2: cancelled. */
		volatile int once;

		ValueSubscription(CoreSubscriber<? super T> actual, T value) {
			this.actual = actual;
			this.value = value;
		}

		@Override
		public void request(long n) {
			if (ONCE.compareAndSet(this, 0, 1)) {
				if (n <= 0L) {
					actual.onError(BadRequest.of(n));
					return;
				}
				actual.onNext(value);
				if (once != 2) {
					actual.onComplete();
				}
			}
		}

		@Override
		public void cancel() {
			if (ONCE.compareAndSet(this, 0, 2)) {
				// never delivered: discarded, as stock's scalar subscription does
				Operators.onDiscard(value, actual.currentContext());
			}
			else {
				once = 2;
			}
		}

		// ---------------------------------------------------------------- SYNC fusion

		@Override
		@Nullable
		public T poll() {
			return ONCE.compareAndSet(this, 0, 1) ? value : null;
		}

		@Override
		public boolean isEmpty() {
			return once != 0;
		}

		@Override
		public int size() {
			return once == 0 ? 1 : 0;
		}

		@Override
		public void clear() {
			if (ONCE.compareAndSet(this, 0, 1)) {
				Operators.onDiscard(value, actual.currentContext());
			}
		}

		@Override
		@Nullable
		public Object scanUnsafe(Attr key) {
			if (key == Attr.TERMINATED) {
				return once == 1;
			}
			if (key == Attr.CANCELLED) {
				return once == 2;
			}
			if (key == Attr.ACTUAL) {
				return actual;
			}
			return null;
		}
	}
}
