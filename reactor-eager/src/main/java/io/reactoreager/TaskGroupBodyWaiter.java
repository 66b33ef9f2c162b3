package io.reactoreager;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import reactor.util.annotation.Nullable;

/**
 * The continuation of a task group on its pending body: finishes the body's part of the group
 * exactly once, with the body's outcome ({@link #resume}) or without it ({@link #detach}, when the
 * group closed and stops awaiting the body).
 *
 * <p>It must never finish the body twice, and never leave itself registered on the body after a
 * detach (the body's work would outlive the group).
 */
final class TaskGroupBodyWaiter implements Waiter {

	@SuppressWarnings("rawtypes")
	private static final AtomicIntegerFieldUpdater<TaskGroupBodyWaiter> DONE =
			AtomicIntegerFieldUpdater.newUpdater(TaskGroupBodyWaiter.class, "done");

	final TaskGroupRun<?> group;
	final MonoPending<Object> pending;

	@SuppressWarnings("unused")
	private volatile int done;

	TaskGroupBodyWaiter(TaskGroupRun<?> group, MonoPending<Object> pending) {
		this.group = group;
		this.pending = pending;
	}

	private boolean claim() {
		return done == 0 && DONE.compareAndSet(this, 0, 1);
	}

	@Override
	public void resume(@Nullable Object value, @Nullable Throwable error) {
		if (claim()) {
			group.release(value, error, true);
		}
	}

	/**
	 * Stops awaiting the body (cancelling it if nobody else observes it); the body is finished.
	 * Called again after a late registration, it removes that registration too.
	 */
	void detach() {
		pending.removeWaiter(this);
		if (claim()) {
			group.release(null, null, true);
		}
	}

	@Override
	public EagerOperator operator() {
		return EagerOperator.GROUP;
	}
}
