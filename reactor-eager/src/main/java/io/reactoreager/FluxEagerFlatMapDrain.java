package io.reactoreager;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;

/**
 * The emission side of one {@code flatMap} subscription: the state shared by the signals
 * (demand, error, done, cancelled, the queue of resolved values) and the drain loop that moves
 * buffered values downstream. Under the work-in-progress guard ({@link #wip}) it emits the
 * resolved values first, then the inners' buffers round-robin over the slots of
 * {@link FluxEagerFlatMapInners} (resuming where it stopped), retires finished inners, asks the
 * source for one more element per finished inner, and terminates: on cancel or error it cancels
 * the source and every inner and discards everything buffered, then delivers the error; it
 * completes once the source is done and nothing is buffered or live. This is stock
 * {@code flatMap}'s drain order, so that the same inputs give the same signals.
 *
 * <p>It is the superclass of {@link FluxEagerFlatMapMain}, which receives the signals, so that
 * the split costs no object. It must never run outside the guard, emit more than requested, or
 * drop a value without passing it to {@link Operators#onDiscard}.
 *
 * @param <R> the type of the emitted values
 */
abstract sealed class FluxEagerFlatMapDrain<R> extends FluxEagerFlatMapInners permits FluxEagerFlatMapMain {

	@SuppressWarnings("rawtypes")
	static final AtomicReferenceFieldUpdater<FluxEagerFlatMapDrain, Throwable> ERROR =
			AtomicReferenceFieldUpdater.newUpdater(FluxEagerFlatMapDrain.class, Throwable.class, "error");
	@SuppressWarnings("rawtypes")
	static final AtomicLongFieldUpdater<FluxEagerFlatMapDrain> REQUESTED = AtomicLongFieldUpdater.newUpdater(FluxEagerFlatMapDrain.class, "requested");
	@SuppressWarnings("rawtypes")
	static final AtomicIntegerFieldUpdater<FluxEagerFlatMapDrain> WIP = AtomicIntegerFieldUpdater.newUpdater(FluxEagerFlatMapDrain.class, "wip");

	final CoreSubscriber<? super R> actual;

	Subscription s;

	@Nullable
	volatile Queue<R> resolvedQueue;
	@Nullable
	volatile Throwable error;
	volatile boolean done;
	volatile boolean cancelled;
	volatile long requested;
	volatile int wip;

	/** Where the round-robin over the inner slots resumes. */
	int lastIndex;

	FluxEagerFlatMapDrain(CoreSubscriber<? super R> actual) {
		this.actual = actual;
	}

	/** Cancels the source and every inner and discards the queue of resolved values; run only by the drain owner. */
	void clearAll() {
		Operators.onDiscardQueueWithClear(resolvedQueue, actual.currentContext(), null);
		resolvedQueue = null;
		s.cancel();
		cancelInners();
	}

	void drain(@Nullable R dataSignal) {
		if (WIP.getAndIncrement(this) != 0) {
			if (dataSignal != null && cancelled) {
				Operators.onDiscard(dataSignal, actual.currentContext());
			}
			return;
		}
		drainLoop();
	}

	@SuppressWarnings("unchecked")
	void drainLoop() {
		int missed = 1;
		final CoreSubscriber<? super R> a = actual;
		for (;;) {
			boolean d = done;
			FluxEagerInner<R>[] as = (FluxEagerInner<R>[]) inners;
			int n = as.length;
			Queue<R> sq = resolvedQueue;
			boolean noInners = size == 0;

			if (checkTerminated(d, noInners && (sq == null || sq.isEmpty()), null)) {
				return;
			}

			boolean again = false;
			long r = requested;
			long e = 0L;
			long replenish = 0L;

			if (r != 0L && sq != null) {
				while (e != r) {
					d = done;
					R v = sq.poll();
					if (checkTerminated(d, false, v)) {
						return;
					}
					if (v == null) {
						break;
					}
					a.onNext(v);
					e++;
				}
				if (e != 0L) {
					replenish += e;
					if (r != Long.MAX_VALUE) {
						r = REQUESTED.addAndGet(this, -e);
					}
					e = 0L;
					again = true;
				}
			}

			if (r != 0L && !noInners) {
				int j = lastIndex;
				for (int i = 0; i < n; i++) {
					if (cancelled) {
						clearAll();
						return;
					}
					FluxEagerInner<R> inner = as[j];
					if (inner != null) {
						d = inner.done;
						if (d && !inner.hasBuffer()) {
							remove(inner.index);
							again = true;
							replenish++;
						}
						else if (inner.hasBuffer()) {
							while (e != r) {
								d = inner.done;
								R v;
								try {
									v = inner.poll();
								}
								catch (Throwable ex) {
									// a fused inner whose function failed: it ends with that error
									ex = Operators.onOperatorError(inner instanceof Subscription sub ? sub : null, ex, a.currentContext());
									if (!Exceptions.addThrowable(ERROR, this, ex)) {
										Operators.onErrorDropped(ex, a.currentContext());
									}
									v = null;
									d = true;
								}
								if (checkTerminated(d, false, v)) {
									return;
								}
								if (d && v == null) {
									remove(inner.index);
									again = true;
									replenish++;
									break;
								}
								if (v == null) {
									break;
								}
								a.onNext(v);
								e++;
							}
							if (e == r && inner.done && inner.isEmpty()) {
								remove(inner.index);
								again = true;
								replenish++;
							}
							if (e != 0L) {
								if (!inner.done) {
									inner.request(e);
								}
								if (r != Long.MAX_VALUE) {
									r = REQUESTED.addAndGet(this, -e);
									if (r == 0L) {
										break;
									}
								}
								e = 0L;
							}
						}
					}
					if (r == 0L) {
						break;
					}
					if (++j == n) {
						j = 0;
					}
				}
				lastIndex = j;
			}

			if (r == 0L && !noInners) {
				// without demand, still retire inners that finished with nothing buffered
				as = (FluxEagerInner<R>[]) inners;
				for (FluxEagerInner<R> inner : as) {
					if (cancelled) {
						clearAll();
						return;
					}
					if (inner == null) {
						continue;
					}
					d = inner.done;
					if (!inner.isEmpty()) {
						break;
					}
					if (d) {
						remove(inner.index);
						again = true;
						replenish++;
					}
				}
			}

			if (replenish != 0L && !done && !cancelled) {
				s.request(replenish);
			}
			if (again) {
				continue;
			}
			missed = WIP.addAndGet(this, -missed);
			if (missed == 0) {
				break;
			}
		}
	}

	boolean checkTerminated(boolean d, boolean empty, @Nullable R value) {
		if (cancelled) {
			Operators.onDiscard(value, actual.currentContext());
			clearAll();
			return true;
		}
		if (d) {
			Throwable e = error;
			if (e != null && e != Exceptions.TERMINATED) {
				e = Exceptions.terminate(ERROR, this);
				Operators.onDiscard(value, actual.currentContext());
				clearAll();
				actual.onError(e);
				return true;
			}
			if (empty) {
				actual.onComplete();
				return true;
			}
		}
		return false;
	}
}
