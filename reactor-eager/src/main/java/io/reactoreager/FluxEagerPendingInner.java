package io.reactoreager;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;

/**
 * The one continuation of a pending inner of {@code flatMap} or {@code flatMapSequential}: it is
 * registered on the {@link MonoPending} as a {@link Waiter} and holds its single value while the
 * parent cannot emit it. Signals:
 * <ul>
 * <li>a value or empty: passed to {@link FluxEagerInnerParent#innerResolved}, which emits it inline
 * or buffers it here ({@link #offer});</li>
 * <li>an error: passed to {@link FluxEagerInnerParent#innerError};</li>
 * <li>{@link #cancel()}: removes this continuation from the pending and discards a buffered
 * value.</li>
 * </ul>
 * It is the only object a suspended inner costs; it must never subscribe to the pending, hold
 * more than one value, or emit downstream itself.
 *
 * @param <R> the type of the inner value
 */
final class FluxEagerPendingInner<R> extends FluxEagerInner<R> implements Waiter {

	final FluxEagerInnerParent<R> parent;
	final MonoPending<? extends R> pending;

	@SuppressWarnings("rawtypes")
	private static final AtomicReferenceFieldUpdater<FluxEagerPendingInner, Object> VALUE =
			AtomicReferenceFieldUpdater.newUpdater(FluxEagerPendingInner.class, Object.class, "value");

	/**
	 * The slot: written once by the thread that completes the pending, taken by the drain owner or
	 * by {@link #cancel()}. Taken with one atomic exchange: a plain read-then-clear lost a value
	 * offered between the two.
	 */
	@Nullable
	volatile Object value;
	volatile boolean cancelled;
	boolean buffered;

	FluxEagerPendingInner(FluxEagerInnerParent<R> parent, MonoPending<? extends R> pending) {
		this.parent = parent;
		this.pending = pending;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void resume(@Nullable Object v, @Nullable Throwable e) {
		// the operator may go on from here (emit, map the next source element) on the pending's
		// thread: with the subscriber's ThreadLocals, as stock restores them around a subscribed inner's signals
		Object scope = EagerThreadLocals.restore(parent.currentContext());
		try {
			if (e != null) {
				parent.innerError(this, e);
				return;
			}
			parent.innerResolved(this, (R) v);
		}
		finally {
			EagerThreadLocals.close(scope);
		}
	}

	@Override
	public EagerOperator operator() {
		return parent.operator();
	}

	@Override
	boolean offer(R v) {
		buffered = true;
		value = v;
		if (cancelled) {
			// cancelled meanwhile: whichever of this and cancel() takes the value discards it
			Object late = VALUE.getAndSet(this, null);
			if (late != null) {
				Operators.onDiscard(late, parent.currentContext());
			}
		}
		return true;
	}

	@Override
	@Nullable
	@SuppressWarnings("unchecked")
	R poll() {
		return value != null ? (R) VALUE.getAndSet(this, null) : null;
	}

	@Override
	boolean isEmpty() {
		return value == null;
	}

	@Override
	boolean hasBuffer() {
		return buffered;
	}

	@Override
	void request(long n) {
		// a single value: nothing more to ask for
	}

	@Override
	void cancel() {
		cancelled = true;
		pending.removeWaiter(this);
		Object v = VALUE.getAndSet(this, null);
		if (v != null) {
			Operators.onDiscard(v, parent.currentContext());
		}
	}
}
