package io.reactoreager;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;

/**
 * Delivers at most one value and one terminal signal to a Reactive Streams subscriber under
 * backpressure: the value waits for the first {@code request}, empty and error do not. It is the
 * Subscription every Mono subscriber of this package sees; subclasses say what cancelling means
 * ({@link #onCancel()}) and whether a value they drop is theirs to discard.
 *
 * <p>It must never signal after cancellation or signal twice.
 */
abstract class MonoDelivery<T> implements Subscription {

	static final int REQUESTED = 1;
	static final int HAS_VALUE = 2;
	static final int DONE = 4;
	static final int CANCELLED = 8;

	@SuppressWarnings("rawtypes")
	private static final AtomicIntegerFieldUpdater<MonoDelivery> STATE =
			AtomicIntegerFieldUpdater.newUpdater(MonoDelivery.class, "state");

	/** {@code state |= bits} atomically (no write when they are all set already); returns the state before. */
	private static int getAndOr(MonoDelivery<?> d, int bits) {
		for (;;) {
			int s = d.state;
			if ((s & bits) == bits || STATE.compareAndSet(d, s, s | bits)) {
				return s;
			}
		}
	}

	final CoreSubscriber<? super T> actual;

	@Nullable
	private T value;

	@SuppressWarnings("unused")
	private volatile int state;

	MonoDelivery(CoreSubscriber<? super T> actual) {
		this.actual = actual;
	}

	/** Called once when the subscriber cancels before the terminal signal. */
	abstract void onCancel();

	/** What to do with a value dropped by cancellation; by default Reactor's discard hook. */
	void discard(T value) {
		Operators.onDiscard(value, actual.currentContext());
	}

	final boolean isCancelled() {
		return (state & CANCELLED) != 0;
	}

	final boolean isTerminated() {
		return (state & DONE) != 0;
	}

	@Override
	public final void request(long n) {
		if (n <= 0L) {
			int s = getAndOr(this, DONE | CANCELLED);
			if ((s & DONE) == 0) {
				dropValue(s);
				onCancel();
				actual.onError(BadRequest.of(n));
			}
			return;
		}
		for (;;) {
			int s = state;
			if ((s & (REQUESTED | DONE)) != 0) {
				return;
			}
			if ((s & HAS_VALUE) != 0) {
				if (STATE.compareAndSet(this, s, s | REQUESTED | DONE)) {
					T v = value;
					value = null;
					actual.onNext(v);
					actual.onComplete();
					return;
				}
			}
			else if (STATE.compareAndSet(this, s, s | REQUESTED)) {
				return;
			}
		}
	}

	@Override
	public final void cancel() {
		int s = getAndOr(this, DONE | CANCELLED);
		if ((s & DONE) == 0) {
			dropValue(s);
			onCancel();
		}
	}

	private void dropValue(int s) {
		if ((s & HAS_VALUE) != 0) {
			T v = value;
			value = null;
			if (v != null) {
				discard(v);
			}
		}
	}

	/** Delivers a value now if requested, else holds it for the first request. */
	final void deliverValue(T v) {
		for (;;) {
			int s = state;
			if ((s & DONE) != 0) {
				discard(v);
				return;
			}
			if ((s & REQUESTED) != 0) {
				if (STATE.compareAndSet(this, s, s | DONE)) {
					actual.onNext(v);
					actual.onComplete();
					return;
				}
			}
			else {
				value = v;
				if (STATE.compareAndSet(this, s, s | HAS_VALUE)) {
					return;
				}
				value = null;
			}
		}
	}

	final void deliverEmpty() {
		int s = getAndOr(this, DONE);
		if ((s & DONE) == 0) {
			actual.onComplete();
		}
	}

	final void deliverError(Throwable e) {
		int s = getAndOr(this, DONE);
		if ((s & DONE) == 0) {
			actual.onError(e);
		}
		else {
			Operators.onErrorDropped(e, actual.currentContext());
		}
	}

	/** Delivers an outcome triple. */
	final void deliver(@Nullable T v, @Nullable Throwable e) {
		if (e != null) {
			deliverError(e);
		}
		else if (v == null) {
			deliverEmpty();
		}
		else {
			deliverValue(v);
		}
	}
}
