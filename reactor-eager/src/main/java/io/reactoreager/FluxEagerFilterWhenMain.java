package io.reactoreager;

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
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

/**
 * The per-subscription state of {@link FluxEagerFilterWhen}: {@code onNext} starts each value's
 * test and decides it on the spot or records it in the value's slot; the drain loop decides the
 * head value when its test has an outcome.
 */
final class FluxEagerFilterWhenMain<T> implements CoreSubscriber<T>, Subscription, Scannable {

	/** States of the head value's lazy test. */
	static final int FRESH = 0;
	static final int RUNNING = 1;
	static final int RESULT = 2;

	/** {@link #current} once cancelled: no lazy test may start. */
	static final Object CANCELLED = new Object();

	@SuppressWarnings("rawtypes")
	static final AtomicIntegerFieldUpdater<FluxEagerFilterWhenMain> WIP =
			AtomicIntegerFieldUpdater.newUpdater(FluxEagerFilterWhenMain.class, "wip");
	@SuppressWarnings("rawtypes")
	static final AtomicLongFieldUpdater<FluxEagerFilterWhenMain> REQUESTED =
			AtomicLongFieldUpdater.newUpdater(FluxEagerFilterWhenMain.class, "requested");
	@SuppressWarnings("rawtypes")
	static final AtomicReferenceFieldUpdater<FluxEagerFilterWhenMain, Throwable> ERROR =
			AtomicReferenceFieldUpdater.newUpdater(FluxEagerFilterWhenMain.class, Throwable.class, "error");
	@SuppressWarnings("rawtypes")
	static final AtomicLongFieldUpdater<FluxEagerFilterWhenMain> WAITING_FOR =
			AtomicLongFieldUpdater.newUpdater(FluxEagerFilterWhenMain.class, "waitingFor");
	@SuppressWarnings("rawtypes")
	static final AtomicReferenceFieldUpdater<FluxEagerFilterWhenMain, Object> CURRENT =
			AtomicReferenceFieldUpdater.newUpdater(FluxEagerFilterWhenMain.class, Object.class, "current");

	final CoreSubscriber<? super T> actual;
	final Context context;
	final Function<? super T, ? extends Publisher<Boolean>> predicate;
	final int bufferSize;
	final int limit;
	final AtomicReferenceArray<T> queue;
	final int mask;
	/**
	 * Bit {@code i} set: slot {@code i}'s test is resolved {@code true}. Written by onNext only
	 * (for every value, before the value is published in {@link #queue}); read by the drain
	 * loop after it reads the value.
	 */
	final int[] verdicts;

	Subscription upstream;

	/** Written by onNext only. */
	long producerIndex;
	/** Drain-loop state. */
	long consumerIndex;
	long emitted;
	int consumed;

	/** The outcome of the head value's lazy test, published by the write of {@link #state}. */
	@Nullable
	Boolean result;

	volatile int state;
	/**
	 * The slot the drain loop last stopped at because it was empty: the one value onNext must
	 * drain for. A value behind a head that waits for its test, or for demand, is only recorded:
	 * that test's outcome, or the request, drains it. Written by the drain loop before it reads
	 * the slot again (onNext writes the slot before it reads this field, so one of the two sees
	 * the other), and by {@link #decideHead} for the next slot.
	 */
	volatile long waitingFor;
	volatile int wip;
	volatile long requested;
	volatile boolean done;
	volatile boolean cancelled;
	@Nullable
	volatile Throwable error;
	/** Set when {@link #clear()} starts: the drain loop will consume nothing more. */
	volatile boolean cleared;
	/** A non-positive request (§3.9), delivered by the drain loop. */
	@Nullable
	volatile Throwable badRequest;
	/** The head value's lazy test in flight: null, a {@link FluxEagerFilterWhenLazyVerdict}, or {@link #CANCELLED}. */
	@Nullable
	volatile Object current;
	/**
	 * Per slot, a test that is not resolved {@code true} or {@code false}: a {@link Throwable}
	 * (the predicate failed, or its test is a resolved error), a {@link FluxEagerFilterWhenWaiter} (a pending
	 * test) or a {@link Publisher} (a lazy test, subscribed at its turn). Allocated by onNext
	 * on first need.
	 */
	@Nullable
	volatile AtomicReferenceArray<Object> tests;

	FluxEagerFilterWhenMain(CoreSubscriber<? super T> actual, Function<? super T, ? extends Publisher<Boolean>> predicate, int bufferSize) {
		this.actual = actual;
		this.context = actual.currentContext();
		this.predicate = predicate;
		this.bufferSize = bufferSize;
		// replenish by three quarters of the buffer, as stock does
		this.limit = bufferSize - (bufferSize >> 2);
		this.queue = new AtomicReferenceArray<>(Queues.ceilingNextPowerOfTwo(bufferSize));
		this.mask = queue.length() - 1;
		this.verdicts = new int[(queue.length() + 31) >>> 5];
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
		if (cancelled) {
			Operators.onDiscard(t, context);
			return;
		}
		long pi = producerIndex;
		Object test = startTest(t);
		if ((test == Boolean.TRUE || test == Boolean.FALSE) && waitingFor == pi && wip == 0 && WIP.compareAndSet(this, 0, 1)) {
			// this thread owns the drain loop: a resolved verdict on the head value is decided now
			// when the drain loop would decide it (with demand: stock consumes even a value
			// it discards only then, which times the replenishment of upstream)
			if (consumerIndex == pi && emitted != requested && !cancelled && badRequest == null) {
				decideHead(t, test == Boolean.TRUE, pi);
				if (WIP.decrementAndGet(this) != 0) {
					drainLoop();
				}
			}
			else {
				offer(t, pi, test);
				drainLoop();
			}
			return;
		}
		// behind a head that waits for its test or for demand, recording the value is enough
		if (offer(t, pi, test) && waitingFor == pi) {
			drain();
		}
	}

	/**
	 * The fast path of a resolved verdict, with the drain loop owned, nothing buffered ahead of
	 * {@code t} and demand: emits or discards it at once, without passing it through the queue, and
	 * replenishes upstream as the drain loop would.
	 */
	void decideHead(T t, boolean keep, long pi) {
		producerIndex = pi + 1;
		consumerIndex = pi + 1;
		// read by the next onNext only: no other thread drains while this one owns the loop
		WAITING_FOR.lazySet(this, pi + 1);
		if (keep) {
			emitted++;
			actual.onNext(t);
		}
		else {
			Operators.onDiscard(t, context);
		}
		if (++consumed == limit) {
			consumed = 0;
			upstream.request(limit);
		}
	}

	/**
	 * Records {@code t} and its test in the next slot for the drain loop. Returns {@code false}
	 * if {@link #clear()} started meanwhile: the slot is then released here.
	 */
	boolean offer(T t, long pi, Object test) {
		int offset = (int) pi & mask;
		int word = offset >>> 5;
		int bit = 1 << (offset & 31);
		if (test == Boolean.TRUE) {
			verdicts[word] |= bit;
		}
		else {
			verdicts[word] &= ~bit;
			if (test != Boolean.FALSE) {
				tests().set(offset, test);
			}
		}
		// a volatile write, then the volatile read of cleared: either clear() sees this
		// slot or this thread sees clear() started and releases the slot itself
		queue.set(offset, t);
		producerIndex = pi + 1;
		if (cleared) {
			abandon(offset);
			return false;
		}
		return true;
	}

	/**
	 * Applies the predicate and classifies its test: {@code Boolean.TRUE}/{@code FALSE} if
	 * resolved (empty is {@code false}), a {@link Throwable} if it failed, a registered
	 * {@link FluxEagerFilterWhenWaiter} if pending, the Publisher itself if lazy.
	 */
	@SuppressWarnings("unchecked")
	Object startTest(T t) {
		Publisher<Boolean> p;
		try {
			p = predicate.apply(t);
			if (p == null) {
				throw new NullPointerException("The asyncPredicate returned a null value");
			}
		}
		catch (Throwable ex) {
			Exceptions.throwIfFatal(ex);
			return ex;
		}
		Object o;
		if (PublisherOutcome.kind(p) == PublisherOutcome.Kind.PENDING) {
			MonoPending<?> pending = (MonoPending<?>) p;
			FluxEagerFilterWhenWaiter w = new FluxEagerFilterWhenWaiter(this, pending);
			if (pending.addWaiter(w)) {
				Trampoline.count(EagerOperator.FLUX_FILTER_WHEN, EagerStats.Kind.SUSPENDED);
				return w;
			}
			// finished meanwhile: read its outcome
			o = pending.error != null ? new MonoResolved.Failure(pending.error) : pending.value;
		}
		else if ((o = PublisherOutcome.peek(p)) == PublisherOutcome.NOT_RESOLVED) {
			return p; // lazy (or a ScalarCallable holding a fatal error, subscribed as stock does)
		}
		Trampoline.count(EagerOperator.FLUX_FILTER_WHEN, EagerStats.Kind.INLINE);
		if (o instanceof MonoResolved.Failure fail) {
			return fail.error;
		}
		return Boolean.TRUE.equals(o) ? Boolean.TRUE : Boolean.FALSE;
	}

	AtomicReferenceArray<Object> tests() {
		AtomicReferenceArray<Object> ts = tests;
		if (ts == null) {
			ts = new AtomicReferenceArray<>(queue.length());
			tests = ts;
		}
		return ts;
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
			badRequest = BadRequest.of(n);
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
		if (c instanceof FluxEagerFilterWhenLazyVerdict l) {
			l.cancel();
		}
	}

	/**
	 * Once cancelled, by the drain loop's owner (no value is being consumed): discards every
	 * buffered value and releases its test.
	 */
	void clear() {
		cleared = true;
		for (int i = 0; i <= mask; i++) {
			abandon(i);
		}
		result = null;
	}

	/** Discards one slot's value and releases its test (clear(), or onNext after clear() started). */
	void abandon(int offset) {
		T old = queue.getAndSet(offset, null);
		if (old != null) {
			Operators.onDiscard(old, context);
		}
		AtomicReferenceArray<Object> ts = tests;
		if (ts != null) {
			release(ts.getAndSet(offset, null));
		}
	}

	/** A test that will never be decided: a pending one loses this observer, an error is dropped. */
	void release(@Nullable Object test) {
		if (test instanceof FluxEagerFilterWhenWaiter w) {
			w.release();
		}
		else if (test instanceof Throwable e) {
			Operators.onErrorDropped(e, context);
		}
	}

	/** The head value's lazy test has an outcome. */
	void testDone(@Nullable Boolean r, @Nullable Throwable e, FluxEagerFilterWhenLazyVerdict test) {
		if (e != null) {
			Exceptions.addThrowable(ERROR, this, e);
		}
		result = r;
		state = RESULT;
		CURRENT.compareAndSet(this, test, null);
		drain();
	}

	// ------------------------------------------------------------ the drain loop

	void drain() {
		if (WIP.getAndIncrement(this) != 0) {
			return;
		}
		drainLoop();
	}

	/** The drain loop, entered by the thread that took the drain guard ({@link #wip} from 0). */
	@SuppressWarnings("unchecked")
	void drainLoop() {
		int missed = 1;
		long e = emitted;
		long ci = consumerIndex;
		int f = consumed;
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
					if (waitingFor == ci) {
						break; // published before: the value's onNext drains
					}
					// publish the wait, then read the slot again: either this sees the value or
					// its onNext sees the wait and drains
					waitingFor = ci;
					t = queue.get(offset);
					if (t == null) {
						break;
					}
				}
				boolean keep;
				if ((verdicts[offset >>> 5] & (1 << (offset & 31))) != 0) {
					keep = true;
				}
				else {
					AtomicReferenceArray<Object> ts = tests;
					Object test = ts == null ? null : ts.get(offset);
					if (test == null) {
						keep = false;
					}
					else {
						if (test instanceof FluxEagerFilterWhenWaiter w) {
							if (w.state != FluxEagerFilterWhenWaiter.DONE) {
								break;
							}
							if (w.error != null) {
								Exceptions.addThrowable(ERROR, this, w.error);
							}
							keep = Boolean.TRUE.equals(w.value);
						}
						else if (test instanceof Throwable ex) {
							Exceptions.addThrowable(ERROR, this, ex);
							keep = false;
						}
						else {
							int s = state;
							if (s == FRESH) {
								subscribeLazy((Publisher<Boolean>) test);
								break;
							}
							if (s != RESULT) {
								break;
							}
							keep = Boolean.TRUE.equals(result);
							result = null;
							state = FRESH;
						}
						ts.lazySet(offset, null);
					}
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

	/** Subscribes the head value's lazy test, now that its turn has come. */
	void subscribeLazy(Publisher<Boolean> p) {
		FluxEagerFilterWhenLazyVerdict test = new FluxEagerFilterWhenLazyVerdict(this, !(p instanceof Mono));
		if (!CURRENT.compareAndSet(this, null, test)) {
			return;
		}
		state = RUNNING;
		Trampoline.count(EagerOperator.FLUX_FILTER_WHEN, EagerStats.Kind.LAZY_SUBSCRIPTION);
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
