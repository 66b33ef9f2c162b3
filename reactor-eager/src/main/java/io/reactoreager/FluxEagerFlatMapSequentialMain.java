package io.reactoreager;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.Scannable;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

/**
 * One subscription of {@link FluxEagerFlatMapSequential}: the subscriber of the source and the
 * parent of its inners, with the drain loop that emits their values in source order.
 * <ul>
 * <li>{@code onNext}: maps the element and classifies the inner: a resolved value is emitted
 * inline when nothing is ahead of it and there is demand, else appended to {@link #entries} (an
 * empty one as {@link #EMPTY}); a pending inner gets a {@link FluxEagerPendingInner}, a lazy one a
 * {@link FluxEagerLazyInner}, appended in source order;</li>
 * <li>{@code onError}: fails fast: the error is delivered once the drain loop sees it, after
 * cancelling every inner and discarding what is buffered;</li>
 * <li>{@code onComplete}: completes once every entry is drained;</li>
 * <li>{@code request}: adds demand and drains (a non-positive request fails, §3.9);</li>
 * <li>{@code cancel}: cancels the source and every inner, discarding every buffered value.</li>
 * </ul>
 * The source is asked for {@code maxConcurrency} elements, then one more per finished head entry.
 * It must never emit out of source order, emit concurrently or more than requested, or drop a
 * value without passing it to {@link Operators#onDiscard}.
 */
final class FluxEagerFlatMapSequentialMain<T, R> implements CoreSubscriber<T>, Subscription, Scannable, FluxEagerInnerParent<R>,
		PublisherOutcome.InnerHandler<T, R> {

	/** The entry of a resolved empty inner: nothing to emit, but it still holds its place. */
	static final Object EMPTY = new Object();

	@SuppressWarnings("rawtypes")
	static final AtomicReferenceFieldUpdater<FluxEagerFlatMapSequentialMain, Throwable> ERROR =
			AtomicReferenceFieldUpdater.newUpdater(FluxEagerFlatMapSequentialMain.class, Throwable.class, "error");
	@SuppressWarnings("rawtypes")
	static final AtomicIntegerFieldUpdater<FluxEagerFlatMapSequentialMain> WIP = AtomicIntegerFieldUpdater.newUpdater(FluxEagerFlatMapSequentialMain.class, "wip");
	@SuppressWarnings("rawtypes")
	static final AtomicLongFieldUpdater<FluxEagerFlatMapSequentialMain> REQUESTED = AtomicLongFieldUpdater.newUpdater(FluxEagerFlatMapSequentialMain.class, "requested");

	final CoreSubscriber<? super R> actual;
	final Function<? super T, ? extends Publisher<? extends R>> mapper;
	final int maxConcurrency;
	final int prefetch;

	Subscription s;

	/** In source order: values of resolved inners, {@link #EMPTY}, or {@link FluxEagerInner}s. Allocated on first need. */
	@Nullable
	volatile Queue<Object> entries;

	/** The head entry being drained; touched only by the drain loop. */
	@Nullable
	Object current;

	volatile boolean done;
	volatile boolean cancelled;
	@Nullable
	volatile Throwable error;
	volatile int wip;
	volatile long requested;

	FluxEagerFlatMapSequentialMain(CoreSubscriber<? super R> actual, Function<? super T, ? extends Publisher<? extends R>> mapper, int maxConcurrency, int prefetch) {
		this.actual = actual;
		this.mapper = mapper;
		this.maxConcurrency = maxConcurrency;
		this.prefetch = prefetch;
	}

	@Override
	public Context currentContext() {
		return actual.currentContext();
	}

	@Override
	public void onSubscribe(Subscription s) {
		if (Operators.validate(this.s, s)) {
			this.s = FluxSourcePull.fuse(s, this);
			actual.onSubscribe(this);
			this.s.request(FluxSourcePull.unboundedOrPrefetch(maxConcurrency));
		}
	}

	@Override
	public void onNext(T t) {
		Publisher<? extends R> p;
		try {
			// stock FluxMergeSequential's message
			p = Objects.requireNonNull(mapper.apply(t), "publisher");
		}
		catch (Throwable ex) {
			onError(Operators.onOperatorError(s, ex, t, actual.currentContext()));
			return;
		}
		// stock flatMapSequential subscribes every inner: no Callable is called in place
		PublisherOutcome.inner(p, t, EagerOperator.FLUX_FLAT_MAP_SEQUENTIAL, false, this);
	}

	/** A pending inner: queued in order, then its one continuation registered. */
	@Override
	public void onPendingInner(T t, MonoPending<? extends R> mp) {
		FluxEagerPendingInner<R> inner = new FluxEagerPendingInner<>(this, mp);
		if (cancelled || !offer(inner, t)) {
			return;
		}
		if (!mp.addWaiter(inner)) {
			mp.observed();
			inner.resume(mp.value, mp.error);
		}
		else if (cancelled || error != null) {
			// cancelled or failed while registering: cancelAll may have missed it
			inner.cancel();
		}
	}

	/** A lazy inner: queued in order, then subscribed. */
	@Override
	public void onLazyInner(T t, Publisher<? extends R> p) {
		FluxEagerLazyInner<R> inner = new FluxEagerLazyInner<>(this, prefetch);
		if (cancelled || !offer(inner, t)) {
			return;
		}
		Operators.toFluxOrMono(p).subscribe(inner);
		if (cancelled) {
			inner.cancel();
			drainAndCancel();
		}
	}

	/** A resolved inner: emitted inline when nothing is ahead of it and there is demand, else queued in order. */
	@Override
	public void onResolvedInner(T t, @Nullable R v, @Nullable Throwable e) {
		if (e != null) {
			innerError(null, e);
			return;
		}
		if (cancelled) {
			Operators.onDiscard(v, actual.currentContext());
			return;
		}
		Object entry = v != null ? v : EMPTY;
		if (wip == 0 && WIP.compareAndSet(this, 0, 1)) {
			Queue<Object> q = entries;
			if (current == null && (q == null || q.isEmpty()) && error == null) {
				if (v == null) {
					s.request(1);
				}
				else if (requested != 0L) {
					actual.onNext(v);
					if (requested != Long.MAX_VALUE) {
						REQUESTED.decrementAndGet(this);
					}
					s.request(1);
				}
				else {
					current = v;
				}
			}
			else if (!offer(entry, null)) {
				return;
			}
			if (WIP.decrementAndGet(this) != 0) {
				drainLoop();
			}
			return;
		}
		if (offer(entry, null)) {
			drain();
		}
	}

	/** Appends in source order; false (after failing) if the list is full, which demand accounting rules out. */
	boolean offer(Object entry, @Nullable T t) {
		Queue<Object> q = entries;
		if (q == null) {
			q = Queues.get(Math.max(prefetch, maxConcurrency)).get();
			entries = q;
		}
		if (q.offer(entry)) {
			return true;
		}
		if (entry instanceof FluxEagerInner<?> inner) {
			inner.cancel();
		}
		else {
			Operators.onDiscard(entry, actual.currentContext());
		}
		onError(Operators.onOperatorError(s, new IllegalStateException("Too many inners for flatMapSequential"), t, actual.currentContext()));
		return false;
	}

	@Override
	public void onError(Throwable t) {
		if (Exceptions.addThrowable(ERROR, this, t)) {
			done = true;
			drain();
		}
		else {
			Operators.onErrorDropped(t, actual.currentContext());
		}
	}

	@Override
	public void onComplete() {
		done = true;
		drain();
	}

	@Override
	public void request(long n) {
		if (n <= 0) {
			// §3.9: stock Reactor only logs a non-positive request; a Publisher must signal it
			if (Exceptions.addThrowable(ERROR, this, BadRequest.of(n))) {
				s.cancel();
				drain();
			}
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
		s.cancel();
		drainAndCancel();
	}

	void drainAndCancel() {
		if (WIP.getAndIncrement(this) == 0) {
			do {
				cancelAll();
			}
			while (WIP.decrementAndGet(this) != 0);
		}
	}

	/** Cancels every inner and discards every buffered value; run only by the drain owner. */
	void cancelAll() {
		Context ctx = actual.currentContext();
		Object c = current;
		current = null;
		cancelEntry(c, ctx);
		Queue<Object> q = entries;
		if (q != null) {
			Object e;
			while ((e = q.poll()) != null) {
				cancelEntry(e, ctx);
			}
		}
	}

	static void cancelEntry(@Nullable Object e, Context ctx) {
		if (e instanceof FluxEagerInner<?> inner) {
			inner.cancel();
		}
		else if (e != null && e != EMPTY) {
			Operators.onDiscard(e, ctx);
		}
	}

	/** An inner (or, with {@code inner == null}, a resolved inner or a bad request) failed. */
	@Override
	public void innerError(@Nullable FluxEagerInner<R> inner, Throwable e) {
		Throwable e2 = Operators.onNextInnerError(e, currentContext(), s);
		if (e2 != null) {
			if (Exceptions.addThrowable(ERROR, this, e2)) {
				if (inner != null) {
					inner.done = true;
				}
				s.cancel();
				drain();
			}
			else {
				Operators.onErrorDropped(e2, actual.currentContext());
			}
		}
		else if (inner != null) {
			inner.done = true;
			drain();
		}
		else if (offer(EMPTY, null)) {
			// recovered (onErrorContinue): the resolved inner counts as empty
			drain();
		}
	}

	@Override
	public EagerOperator operator() {
		return EagerOperator.FLUX_FLAT_MAP_SEQUENTIAL;
	}

	/** A lazy inner's value is queued in that inner; a full queue cancels it and fails the merge. */
	@Override
	public void innerNext(FluxEagerInner<R> inner, R v) {
		if (inner.offer(v)) {
			drain();
		}
		else {
			inner.cancel();
			Operators.onDiscard(v, actual.currentContext());
			onError(Operators.onOperatorError(null, Exceptions.failWithOverflow(Exceptions.BACKPRESSURE_ERROR_QUEUE_FULL), v, actual.currentContext()));
		}
	}

	/** A pending inner's value (if any) waits in the inner until it is the head; the inner is done. */
	@Override
	public void innerResolved(FluxEagerInner<R> inner, @Nullable R v) {
		if (v != null) {
			inner.offer(v);
		}
		inner.done = true;
		drain();
	}

	@Override
	public void innerReady(@Nullable R signal) {
		drain();
	}

	@Override
	public void innerComplete(FluxEagerInner<R> inner) {
		drain();
	}

	void drain() {
		if (WIP.getAndIncrement(this) == 0) {
			drainLoop();
		}
	}

	@SuppressWarnings("unchecked")
	void drainLoop() {
		int missed = 1;
		Object c = current;
		final CoreSubscriber<? super R> a = actual;
		for (;;) {
			if (cancelled) {
				cancelAll();
				return;
			}
			long r = requested;
			long e = 0L;
			if (c == null) {
				Throwable ex = error;
				if (ex != null) {
					cancelAll();
					a.onError(ex);
					return;
				}
				boolean outerDone = done;
				Queue<Object> q = entries;
				c = q != null ? q.poll() : null;
				if (outerDone && c == null) {
					ex = error;
					if (ex != null) {
						a.onError(ex);
					}
					else {
						a.onComplete();
					}
					return;
				}
				current = c;
			}
			boolean next = false;
			if (c != null) {
				if (c instanceof FluxEagerInner<?>) {
					FluxEagerInner<R> inner = (FluxEagerInner<R>) c;
					for (;;) {
						if (cancelled) {
							cancelAll();
							return;
						}
						Throwable ex = error;
						if (ex != null) {
							cancelAll();
							a.onError(ex);
							return;
						}
						boolean d = inner.done;
						R v = null;
						if (e != r) {
							try {
								v = inner.poll();
							}
							catch (Throwable t) {
								cancelAll();
								a.onError(Operators.onOperatorError(t, a.currentContext()));
								return;
							}
						}
						boolean empty = v == null && (e != r || inner.isEmpty());
						if (d && empty) {
							c = null;
							current = null;
							s.request(1);
							next = true;
							break;
						}
						if (v == null) {
							break;
						}
						a.onNext(v);
						e++;
						inner.request(1);
					}
				}
				else {
					Throwable ex = error;
					if (ex != null) {
						cancelAll();
						a.onError(ex);
						return;
					}
					if (c == EMPTY) {
						c = null;
						current = null;
						s.request(1);
						next = true;
					}
					else if (e != r) {
						Object v = c;
						c = null;
						current = null;
						a.onNext((R) v);
						e++;
						s.request(1);
						next = true;
					}
				}
			}
			if (e != 0L && r != Long.MAX_VALUE) {
				REQUESTED.addAndGet(this, -e);
			}
			if (next) {
				continue;
			}
			missed = WIP.addAndGet(this, -missed);
			if (missed == 0) {
				break;
			}
		}
	}

	@Override
	@Nullable
	public Object scanUnsafe(Attr key) {
		if (key == Attr.PARENT) return s;
		if (key == Attr.ACTUAL) return actual;
		if (key == Attr.CANCELLED) return cancelled;
		if (key == Attr.ERROR) return error;
		if (key == Attr.TERMINATED) return done && current == null && (entries == null || entries.isEmpty());
		if (key == Attr.PREFETCH) return maxConcurrency;
		if (key == Attr.REQUESTED_FROM_DOWNSTREAM) return requested;
		if (key == Attr.RUN_STYLE) return Attr.RunStyle.SYNC;
		return null;
	}
}
