package io.reactoreager.testing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * A Scheduler that counts every task and timer scheduled through it (directly or on one of its
 * workers) and delegates to another Scheduler.
 */
public final class CountingScheduler implements Scheduler {

	private final Scheduler delegate;
	private final AtomicInteger tasks = new AtomicInteger();
	private final AtomicInteger timers = new AtomicInteger();

	public CountingScheduler(Scheduler delegate) {
		this.delegate = delegate;
	}

	/** Immediate tasks scheduled so far. */
	public int tasks() {
		return tasks.get();
	}

	/** Delayed or periodic tasks (timers) scheduled so far. */
	public int timers() {
		return timers.get();
	}

	@Override
	public Disposable schedule(Runnable task) {
		tasks.incrementAndGet();
		return delegate.schedule(task);
	}

	@Override
	public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		timers.incrementAndGet();
		return delegate.schedule(task, delay, unit);
	}

	@Override
	public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
		timers.incrementAndGet();
		return delegate.schedulePeriodically(task, initialDelay, period, unit);
	}

	@Override
	public long now(TimeUnit unit) {
		return delegate.now(unit);
	}

	@Override
	public Worker createWorker() {
		Worker w = delegate.createWorker();
		return new Worker() {
			@Override
			public Disposable schedule(Runnable task) {
				tasks.incrementAndGet();
				return w.schedule(task);
			}

			@Override
			public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
				timers.incrementAndGet();
				return w.schedule(task, delay, unit);
			}

			@Override
			public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
				timers.incrementAndGet();
				return w.schedulePeriodically(task, initialDelay, period, unit);
			}

			@Override
			public void dispose() {
				w.dispose();
			}

			@Override
			public boolean isDisposed() {
				return w.isDisposed();
			}
		};
	}

	@Override
	public void dispose() {
		delegate.dispose();
	}

	@Override
	public boolean isDisposed() {
		return delegate.isDisposed();
	}

	@Override
	public void init() {
		delegate.init();
	}
}
