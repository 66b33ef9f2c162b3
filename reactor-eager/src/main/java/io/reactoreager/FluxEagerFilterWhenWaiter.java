package io.reactoreager;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;

/**
 * The continuation of one buffered value's pending test: keeps the outcome for the drain loop.
 * Resumed at most once (by the pending). Once released by cancellation it never reaches the
 * drain loop: an outcome that arrives anyway (it raced the release) has its error dropped.
 */
final class FluxEagerFilterWhenWaiter implements Waiter {

	static final int WAITING = 0;
	static final int DONE = 1;
	static final int RELEASED = 2;

	static final AtomicIntegerFieldUpdater<FluxEagerFilterWhenWaiter> STATE =
			AtomicIntegerFieldUpdater.newUpdater(FluxEagerFilterWhenWaiter.class, "state");

	final FluxEagerFilterWhenMain<?> parent;
	final MonoPending<?> pending;
	/** The outcome, published by the write of {@link #state}. */
	@Nullable
	Object value;
	@Nullable
	Throwable error;
	volatile int state;

	FluxEagerFilterWhenWaiter(FluxEagerFilterWhenMain<?> parent, MonoPending<?> pending) {
		this.parent = parent;
		this.pending = pending;
	}

	@Override
	public void resume(@Nullable Object v, @Nullable Throwable e) {
		value = v;
		error = e;
		if (STATE.compareAndSet(this, WAITING, DONE)) {
			// the drain may emit and test the next values here, on the pending's thread: with the
			// subscriber's ThreadLocals, as stock restores them around a subscribed test's signals
			Object scope = EagerThreadLocals.restore(parent.context);
			try {
				parent.drain();
			}
			finally {
				EagerThreadLocals.close(scope);
			}
		}
		else if (e != null) {
			Operators.onErrorDropped(e, parent.context);
		}
	}

	/** Cancellation: stops observing the pending (its last observer cancels its work). */
	void release() {
		int s = STATE.getAndSet(this, RELEASED);
		if (s == WAITING) {
			pending.removeWaiter(this);
		}
		else if (s == DONE && error != null) {
			Operators.onErrorDropped(error, parent.context);
		}
	}

	@Override
	public EagerOperator operator() {
		return EagerOperator.FLUX_FILTER_WHEN;
	}
}
