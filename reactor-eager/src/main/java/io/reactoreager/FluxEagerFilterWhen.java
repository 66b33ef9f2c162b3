package io.reactoreager;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

/**
 * Eager {@code Flux.filterWhen(predicate, bufferSize)}: tests each value, in order and one at a
 * time, with the Publisher the predicate returns for it, and emits the value if that Publisher's
 * first value is {@code true}. A <b>resolved</b> predicate result is read inline in the drain
 * loop (no inner subscriber, nothing allocated per value); a <b>pending</b> one gets this
 * subscriber registered as its one continuation (the same object for every value); a <b>lazy</b>
 * one is subscribed as stock does (a non-Mono predicate is cancelled after its first value).
 *
 * <p>Signals follow stock {@code FluxFilterWhen}: at most {@code bufferSize} values are requested
 * ahead from upstream and replenished by three quarters of it as values are consumed; values
 * whose test is {@code false} or empty are discarded; a predicate error (thrown, returned as a
 * null, or signalled) discards its value, is kept, and is delivered once upstream has completed
 * and the buffer has drained (an upstream error replaces it); cancelling cancels upstream and the
 * outstanding test (a pending one's last observer cancels its work) and discards the buffer.
 *
 * <p>It must never subscribe to a resolved predicate result and never signal after a terminal
 * signal or cancellation.
 */
final class FluxEagerFilterWhen<T> extends Flux<T> implements Scannable {

	final Flux<? extends T> source;
	final Function<? super T, ? extends Publisher<Boolean>> predicate;
	final int bufferSize;

	FluxEagerFilterWhen(Flux<? extends T> source, Function<? super T, ? extends Publisher<Boolean>> predicate, int bufferSize) {
		this.source = source;
		this.predicate = predicate;
		this.bufferSize = bufferSize;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		Objects.requireNonNull(actual, "actual");
		source.subscribe(new FilterWhenSubscriber<T>(actual, predicate, bufferSize));
	}

	@Override
	@Nullable
	public Object scanUnsafe(Attr key) {
		if (key == Attr.PARENT) {
			return source;
		}
		if (key == Attr.PREFETCH) {
			return bufferSize;
		}
		if (key == Attr.RUN_STYLE) {
			return Attr.RunStyle.SYNC;
		}
		return null;
	}

	@Override
	public String toString() {
		return "EagerFlux.filterWhen(" + bufferSize + ")";
	}

	/** The per-subscription state and drain loop; it is also the continuation on a pending test. */
	static final class FilterWhenSubscriber<T> implements CoreSubscriber<T>, Subscription, Waiter, Scannable {

		static final int FRESH = 0;
		static final int RUNNING = 1;
		static final int RESULT = 2;

		/** {@link #current} once cancelled: no new test may start. */
		static final Object CANCELLED = new Object();

		@SuppressWarnings("rawtypes")
		static final AtomicIntegerFieldUpdater<FilterWhenSubscriber> WIP =
				AtomicIntegerFieldUpdater.newUpdater(FilterWhenSubscriber.class, "wip");
		@SuppressWarnings("rawtypes")
		static final AtomicLongFieldUpdater<FilterWhenSubscriber> REQUESTED =
				AtomicLongFieldUpdater.newUpdater(FilterWhenSubscriber.class, "requested");
		@SuppressWarnings("rawtypes")
		static final AtomicReferenceFieldUpdater<FilterWhenSubscriber, Throwable> ERROR =
				AtomicReferenceFieldUpdater.newUpdater(FilterWhenSubscriber.class, Throwable.class, "error");
		@SuppressWarnings("rawtypes")
		static final AtomicReferenceFieldUpdater<FilterWhenSubscriber, Object> CURRENT =
				AtomicReferenceFieldUpdater.newUpdater(FilterWhenSubscriber.class, Object.class, "current");

		final CoreSubscriber<? super T> actual;
		final Context context;
		final Function<? super T, ? extends Publisher<Boolean>> predicate;
		final int bufferSize;
		final int limit;
		final AtomicReferenceArray<T> queue;
		final int mask;

		Subscription upstream;

		/** Written by onNext only. */
		long producerIndex;
		/** Drain-loop state. */
		long consumerIndex;
		long emitted;
		int consumed;

		/** The outcome of the last pending or lazy test, published by the write of {@link #state}. */
		@Nullable
		Boolean result;

		volatile int state;
		volatile int wip;
		volatile long requested;
		volatile boolean done;
		volatile boolean cancelled;
		@Nullable
		volatile Throwable error;
		/** A non-positive request (§3.9), delivered by the drain loop. */
		@Nullable
		volatile Throwable badRequest;
		/** The outstanding test: null, the awaited {@link MonoPending}, a {@link LazyTest}, or {@link #CANCELLED}. */
		@Nullable
		volatile Object current;

		FilterWhenSubscriber(CoreSubscriber<? super T> actual, Function<? super T, ? extends Publisher<Boolean>> predicate, int bufferSize) {
			this.actual = actual;
			this.context = actual.currentContext();
			this.predicate = predicate;
			this.bufferSize = bufferSize;
			// replenish by three quarters of the buffer, as stock does
			this.limit = bufferSize == Integer.MAX_VALUE ? Integer.MAX_VALUE : bufferSize - (bufferSize >> 2);
			this.queue = new AtomicReferenceArray<>(Queues.ceilingNextPowerOfTwo(bufferSize));
			this.mask = queue.length() - 1;
		}

		@Override
		public Context currentContext() {
			return context;
		}

		// ------------------------------------------------------------ upstream

		@Override
		public void onSubscribe(Subscription s) {
			if (Operators.validate(upstream, s)) {
				upstream = s;
				actual.onSubscribe(this);
				s.request(bufferSize);
			}
		}

		@Override
		public void onNext(T t) {
			if (done) {
				Operators.onNextDropped(t, context);
				return;
			}
			long pi = producerIndex;
			queue.lazySet((int) pi & mask, t);
			producerIndex = pi + 1;
			drain();
		}

		@Override
		public void onError(Throwable t) {
			if (done) {
				Operators.onErrorDropped(t, context);
				return;
			}
			ERROR.set(this, t);
			done = true;
			drain();
		}

		@Override
		public void onComplete() {
			if (done) {
				return;
			}
			done = true;
			drain();
		}

		// ------------------------------------------------------------ downstream

		@Override
		public void request(long n) {
			if (n <= 0L) {
				badRequest = new IllegalArgumentException("§3.9 violated: positive request amount required but it was " + n);
				drain();
				return;
			}
			Operators.addCap(REQUESTED, this, n);
			drain();
		}

		@Override
		public void cancel() {
			if (cancelled) {
				return;
			}
			cancelled = true;
			upstream.cancel();
			cancelTest();
			if (WIP.getAndIncrement(this) == 0) {
				clear();
			}
		}

		void cancelTest() {
			Object c = CURRENT.getAndSet(this, CANCELLED);
			if (c instanceof MonoPending<?> p) {
				p.removeWaiter(this);
			}
			else if (c instanceof LazyTest l) {
				l.cancel();
			}
		}

		void clear() {
			for (int i = 0; i <= mask; i++) {
				T old = queue.getAndSet(i, null);
				if (old != null) {
					Operators.onDiscard(old, context);
				}
			}
			result = null;
		}

		// ------------------------------------------------------------ test outcomes

		/** A pending test completed (this subscriber is its continuation). */
		@Override
		public void resume(@Nullable Object value, @Nullable Throwable e) {
			testDone(value == null ? null : (Boolean) value, e, CURRENT.get(this));
		}

		@Override
		public EagerOperator operator() {
			return EagerOperator.FLUX_FILTER_WHEN;
		}

		void testDone(@Nullable Boolean r, @Nullable Throwable e, @Nullable Object test) {
			if (e != null) {
				Exceptions.addThrowable(ERROR, this, e);
			}
			result = r;
			state = RESULT;
			if (test != CANCELLED && test != null) {
				CURRENT.compareAndSet(this, test, null);
			}
			drain();
		}

		// ------------------------------------------------------------ the drain loop

		@SuppressWarnings("unchecked")
		void drain() {
			if (WIP.getAndIncrement(this) != 0) {
				return;
			}
			int missed = 1;
			long e = emitted;
			long ci = consumerIndex;
			int f = consumed;
			boolean count = EagerPolicy.counting();
			Trampoline tr = null;
			for (;;) {
				long r = requested;
				while (e != r) {
					if (cancelled) {
						clear();
						return;
					}
					if (badRequest != null) {
						failBadRequest();
						return;
					}
					boolean d = done;
					int offset = (int) ci & mask;
					T t = queue.get(offset);
					if (t == null) {
						if (d) {
							terminate();
							return;
						}
						break;
					}
					boolean keep;
					int s = state;
					if (s == FRESH) {
						Publisher<Boolean> p;
						try {
							p = predicate.apply(t);
							if (p == null) {
								throw new NullPointerException("The asyncPredicate returned a null value");
							}
						}
						catch (Throwable ex) {
							Exceptions.throwIfFatal(ex);
							Exceptions.addThrowable(ERROR, this, ex);
							p = null;
						}
						if (p == null) {
							keep = false;
						}
						else {
							Object o = PublisherOutcome.peek(p);
							if (o == PublisherOutcome.NOT_RESOLVED) {
								if (count && tr == null) {
									tr = Trampoline.current();
								}
								if (p instanceof MonoPending<?> pending) {
									if (awaitPending((MonoPending<Boolean>) pending, count ? tr : null)) {
										break;
									}
									o = pending.error != null ? new MonoResolved.Failure(pending.error) : pending.value;
								}
								else {
									subscribeLazy(p, count ? tr : null);
									break;
								}
							}
							else if (count) {
								if (tr == null) {
									tr = Trampoline.current();
								}
								tr.stats.increment(EagerOperator.FLUX_FILTER_WHEN, EagerStats.Kind.INLINE);
							}
							if (o instanceof MonoResolved.Failure fail) {
								Exceptions.addThrowable(ERROR, this, fail.error);
								keep = false;
							}
							else {
								keep = Boolean.TRUE.equals(o);
							}
						}
					}
					else if (s == RESULT) {
						keep = Boolean.TRUE.equals(result);
						result = null;
						state = FRESH;
					}
					else {
						break;
					}
					queue.lazySet(offset, null);
					ci++;
					if (keep) {
						actual.onNext(t);
						e++;
					}
					else {
						Operators.onDiscard(t, context);
					}
					if (++f == limit) {
						f = 0;
						upstream.request(limit);
					}
				}
				if (e == r) {
					if (cancelled) {
						clear();
						return;
					}
					if (badRequest != null) {
						failBadRequest();
						return;
					}
					if (done && queue.get((int) ci & mask) == null) {
						terminate();
						return;
					}
				}
				int w = wip;
				if (missed == w) {
					consumed = f;
					consumerIndex = ci;
					emitted = e;
					missed = WIP.addAndGet(this, -missed);
					if (missed == 0) {
						break;
					}
				}
				else {
					missed = w;
				}
			}
		}

		/**
		 * Registers this subscriber on a pending test; {@code true} if it now waits, {@code false}
		 * if the test finished meanwhile (its outcome is then read directly).
		 */
		boolean awaitPending(MonoPending<Boolean> p, @Nullable Trampoline tr) {
			if (!CURRENT.compareAndSet(this, null, p)) {
				// cancelled: leave the test alone, the loop sees the flag
				return true;
			}
			state = RUNNING;
			if (p.addWaiter(this)) {
				if (tr != null) {
					tr.stats.increment(EagerOperator.FLUX_FILTER_WHEN, EagerStats.Kind.SUSPENDED);
				}
				if (cancelled) {
					p.removeWaiter(this);
				}
				return true;
			}
			CURRENT.compareAndSet(this, p, null);
			state = FRESH;
			if (tr != null) {
				tr.stats.increment(EagerOperator.FLUX_FILTER_WHEN, EagerStats.Kind.INLINE);
			}
			return false;
		}

		void subscribeLazy(Publisher<Boolean> p, @Nullable Trampoline tr) {
			LazyTest test = new LazyTest(this, !(p instanceof Mono));
			if (!CURRENT.compareAndSet(this, null, test)) {
				return;
			}
			state = RUNNING;
			if (tr != null) {
				tr.stats.increment(EagerOperator.FLUX_FILTER_WHEN, EagerStats.Kind.LAZY_SUBSCRIPTION);
			}
			Operators.toFluxOrMono(p).subscribe(test);
		}

		void terminate() {
			Throwable ex = Exceptions.terminate(ERROR, this);
			if (ex == null) {
				actual.onComplete();
			}
			else {
				actual.onError(ex);
			}
		}

		void failBadRequest() {
			cancelled = true;
			upstream.cancel();
			cancelTest();
			clear();
			actual.onError(badRequest);
		}

		@Override
		@Nullable
		public Object scanUnsafe(Attr key) {
			if (key == Attr.PARENT) {
				return upstream;
			}
			if (key == Attr.ACTUAL) {
				return actual;
			}
			if (key == Attr.CANCELLED) {
				return cancelled;
			}
			if (key == Attr.TERMINATED) {
				return done;
			}
			if (key == Attr.PREFETCH) {
				return bufferSize;
			}
			if (key == Attr.REQUESTED_FROM_DOWNSTREAM) {
				return requested;
			}
			if (key == Attr.BUFFERED) {
				return (int) Math.min(Integer.MAX_VALUE, producerIndex - consumerIndex);
			}
			if (key == Attr.RUN_STYLE) {
				return Attr.RunStyle.SYNC;
			}
			return null;
		}
	}

	/** The subscriber of one lazy test: takes its first value (or empty, or error). */
	static final class LazyTest implements CoreSubscriber<Boolean> {

		@SuppressWarnings("rawtypes")
		static final AtomicReferenceFieldUpdater<LazyTest, Subscription> SUBSCRIPTION =
				AtomicReferenceFieldUpdater.newUpdater(LazyTest.class, Subscription.class, "subscription");

		final FilterWhenSubscriber<?> parent;
		final boolean cancelOnFirst;
		boolean done;

		@Nullable
		volatile Subscription subscription;

		LazyTest(FilterWhenSubscriber<?> parent, boolean cancelOnFirst) {
			this.parent = parent;
			this.cancelOnFirst = cancelOnFirst;
		}

		@Override
		public Context currentContext() {
			return parent.context;
		}

		@Override
		public void onSubscribe(Subscription s) {
			if (Operators.setOnce(SUBSCRIPTION, this, s)) {
				s.request(Long.MAX_VALUE);
			}
		}

		@Override
		public void onNext(Boolean b) {
			if (done) {
				return;
			}
			done = true;
			if (cancelOnFirst) {
				cancel();
			}
			parent.testDone(b, null, this);
		}

		@Override
		public void onError(Throwable t) {
			if (done) {
				Operators.onErrorDropped(t, parent.context);
				return;
			}
			done = true;
			parent.testDone(null, t, this);
		}

		@Override
		public void onComplete() {
			if (done) {
				return;
			}
			done = true;
			parent.testDone(null, null, this);
		}

		void cancel() {
			Operators.terminate(SUBSCRIPTION, this);
		}
	}
}
