package io.reactoreager;

import java.util.Objects;
import java.util.Queue;
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
 * One subscription of {@link FluxEagerFlatMap}, its receiving side: the subscriber of the source
 * and the parent of its pending and lazy inners. What cannot go downstream inline is buffered and
 * left to the drain loop of its superclass {@link FluxEagerFlatMapDrain}.
 * <ul>
 * <li>{@code onNext}: maps the element and classifies the inner: a resolved value is emitted
 * inline when nothing is queued ahead of it and there is demand, else put on the one shared queue
 * of resolved values (an empty one only counts towards replenishing the source); a pending inner
 * gets a {@link FluxEagerPendingInner}, a lazy one a {@link FluxEagerLazyInner}, each in a slot of
 * the inner set ({@link FluxEagerFlatMapInners});</li>
 * <li>{@code onError}: fails fast: records the error, then the drain loop cancels the source and
 * every inner, discards what is buffered and delivers it;</li>
 * <li>{@code onComplete}: completes once every inner has finished and every buffer is drained;</li>
 * <li>{@code request}: adds demand and drains (a non-positive request fails, §3.9);</li>
 * <li>{@code cancel}: cancels the source and every inner, discarding every buffered value.</li>
 * </ul>
 * Buffers are drained resolved values first, then inners round-robin, and the source is asked for
 * {@code maxConcurrency} then 75% of it at a time, as stock {@code flatMap} does. It must never
 * emit concurrently or more than requested, and never drop a value without passing it to
 * {@link Operators#onDiscard}.
 */
final class FluxEagerFlatMapMain<T, R> extends FluxEagerFlatMapDrain<R> implements CoreSubscriber<T>, Subscription, Scannable, FluxEagerInnerParent<R>,
		PublisherOutcome.InnerHandler<T, R> {

	final Function<? super T, ? extends Publisher<? extends R>> mapper;
	final int maxConcurrency;
	final int prefetch;
	/** Replenishment threshold for the source: 75% of {@code maxConcurrency}. */
	final int limit;

	/** Inners finished inline since the source was last replenished. */
	int produced;

	FluxEagerFlatMapMain(CoreSubscriber<? super R> actual, Function<? super T, ? extends Publisher<? extends R>> mapper, int maxConcurrency, int prefetch) {
		super(actual);
		this.mapper = mapper;
		this.maxConcurrency = maxConcurrency;
		this.prefetch = prefetch;
		this.limit = FluxSourcePull.unboundedOrLimit(maxConcurrency);
	}

	@Override
	public Context currentContext() {
		return actual.currentContext();
	}

	@Override
	public void onSubscribe(Subscription s) {
		if (Operators.validate(this.s, s)) {
			// the source is not fused (as stock flatMap): a SYNC source's own emission loop
			// measured faster here than pulling it through FluxSourcePull (benchmarks/development-log.md)
			this.s = s;
			actual.onSubscribe(this);
			this.s.request(FluxSourcePull.unboundedOrPrefetch(maxConcurrency));
		}
	}

	@Override
	public void onNext(T t) {
		if (done) {
			Operators.onNextDropped(t, actual.currentContext());
			return;
		}
		Publisher<? extends R> p;
		try {
			p = Objects.requireNonNull(mapper.apply(t), "The mapper returned a null Publisher");
		}
		catch (Throwable e) {
			Context ctx = actual.currentContext();
			Throwable e2 = Operators.onNextError(t, e, ctx, s);
			Operators.onDiscard(t, ctx);
			if (e2 != null) {
				onError(e2);
			}
			else {
				emitResolved(null);
			}
			return;
		}
		PublisherOutcome.inner(p, t, EagerOperator.FLUX_FLAT_MAP, true, this);
	}

	/** A pending inner that had finished: a value as a resolved one, an error as a subscribed inner's. */
	@Override
	public void onFinishedPendingInner(T t, @Nullable R v, @Nullable Throwable e) {
		if (e != null) {
			finishedPendingError(e);
		}
		else {
			emitResolved(v);
		}
	}

	/** A pending inner: one continuation, registered once the inner has its slot. */
	@Override
	public void onPendingInner(T t, MonoPending<? extends R> mp) {
		FluxEagerPendingInner<R> inner = new FluxEagerPendingInner<>(this, mp);
		if (add(inner)) {
			if (!mp.addWaiter(inner)) {
				mp.observed();
				inner.resume(mp.value, mp.error);
			}
			else if (inners == TERMINATED) {
				// cancelled or failed while registering: the cancel may have missed it
				inner.cancel();
			}
		}
		else {
			Operators.onDiscard(t, actual.currentContext());
		}
	}

	/** A lazy inner: subscribed once it has its slot. */
	@Override
	public void onLazyInner(T t, Publisher<? extends R> p) {
		FluxEagerLazyInner<R> inner = new FluxEagerLazyInner<>(this, prefetch);
		if (add(inner)) {
			Operators.toFluxOrMono(p).subscribe(inner);
		}
		else {
			Operators.onDiscard(t, actual.currentContext());
		}
	}

	/** A resolved inner: a value or empty is emitted (or queued), an error fails fast. */
	@Override
	public void onResolvedInner(T t, @Nullable R v, @Nullable Throwable e) {
		if (e == null) {
			emitResolved(v);
			return;
		}
		Context ctx = actual.currentContext();
		Throwable e2 = Operators.onNextError(t, e, ctx);
		if (e2 != null) {
			onError(Operators.onOperatorError(s, e2, t, ctx));
		}
		Operators.onDiscard(t, ctx);
		emitResolved(null);
	}

	/**
	 * The error of a pending inner that had finished when the function returned it. Stock
	 * subscribes such an inner (it is no {@code Callable}), so its error goes the way of a
	 * subscribed inner's: {@code onNextInnerError}, no {@code onOperatorError}, the source value
	 * not discarded; recovered (onErrorContinue), it counts as an empty inner.
	 */
	void finishedPendingError(Throwable e) {
		Throwable e2 = Operators.onNextInnerError(e, currentContext(), s);
		if (e2 != null) {
			onError(e2);
		}
		else {
			emitResolved(null);
		}
	}

	/** Counts a resolved inner as done with its slot: replenishes the source every {@link #limit}. */
	void replenishOne() {
		if (maxConcurrency != Integer.MAX_VALUE) {
			int p = produced + 1;
			if (p == limit) {
				produced = 0;
				s.request(p);
			}
			else {
				produced = p;
			}
		}
	}

	/** Emits a resolved value inline if nothing is ahead of it and there is demand, else queues it. */
	void emitResolved(@Nullable R v) {
		if (v == null) {
			replenishOne();
			return;
		}
		if (wip == 0 && WIP.compareAndSet(this, 0, 1)) {
			long r = requested;
			Queue<R> q = resolvedQueue;
			if (r != 0L && (q == null || q.isEmpty())) {
				emitInline(v, r);
				replenishOne();
			}
			else {
				if (q == null) {
					q = resolvedQueue();
				}
				if (!q.offer(v) && failOverflow(v, s)) {
					done = true;
					drainLoop();
					return;
				}
			}
			leaveInline(v);
		}
		else {
			if (!resolvedQueue().offer(v) && failOverflow(v, s)) {
				done = true;
			}
			drain(v);
		}
	}

	/** Emits {@code v} while holding the drain guard, using one of the {@code r} requested. */
	void emitInline(R v, long r) {
		actual.onNext(v);
		if (r != Long.MAX_VALUE) {
			REQUESTED.decrementAndGet(this);
		}
	}

	/**
	 * Releases the drain guard taken to emit or buffer {@code v} inline: runs the drain loop if
	 * other signals arrived meanwhile; otherwise, if the subscription is cancelled by then, passes
	 * {@code v} to {@link Operators#onDiscard}.
	 */
	void leaveInline(R v) {
		if (WIP.decrementAndGet(this) == 0) {
			if (cancelled) {
				Operators.onDiscard(v, actual.currentContext());
			}
			return;
		}
		drainLoop();
	}

	Queue<R> resolvedQueue() {
		Queue<R> q = resolvedQueue;
		if (q == null) {
			q = Queues.<R>get(maxConcurrency).get();
			resolvedQueue = q;
		}
		return q;
	}

	@Override
	public EagerOperator operator() {
		return EagerOperator.FLUX_FLAT_MAP;
	}

	/** A value from a pending or lazy inner: inline if nothing of that inner is buffered and there is demand, else into its buffer. */
	@Override
	public void innerNext(FluxEagerInner<R> inner, R v) {
		if (wip == 0 && WIP.compareAndSet(this, 0, 1)) {
			long r = requested;
			if (r != 0 && inner.isEmpty()) {
				emitInline(v, r);
				inner.request(1);
			}
			else {
				buffer(inner, v);
			}
			leaveInline(v);
		}
		else {
			buffer(inner, v);
			drain(v);
		}
	}

	/** Buffers a value of {@code inner}; a full buffer fails the merge with an overflow error and ends the inner. */
	void buffer(FluxEagerInner<R> inner, R v) {
		if (!inner.offer(v) && failOverflow(v, inner instanceof Subscription sub ? sub : null)) {
			inner.done = true;
		}
	}

	/** A pending inner's value (if any) is emitted or buffered, then the inner is done. */
	@Override
	public void innerResolved(FluxEagerInner<R> inner, @Nullable R v) {
		if (v != null) {
			innerNext(inner, v);
		}
		inner.done = true;
		innerComplete(inner);
	}

	@Override
	public void innerReady(@Nullable R signal) {
		drain(signal);
	}

	@Override
	public void onError(Throwable t) {
		if (done) {
			Operators.onErrorDropped(t, actual.currentContext());
			return;
		}
		if (Exceptions.addThrowable(ERROR, this, t)) {
			done = true;
			drain(null);
		}
		else {
			Operators.onErrorDropped(t, actual.currentContext());
		}
	}

	@Override
	public void onComplete() {
		if (done) {
			return;
		}
		done = true;
		drain(null);
	}

	@Override
	public void request(long n) {
		if (n <= 0) {
			// §3.9: stock Reactor only logs a non-positive request; a Publisher must signal it
			if (Exceptions.addThrowable(ERROR, this, BadRequest.of(n))) {
				done = true;
				drain(null);
			}
			return;
		}
		Operators.addCap(REQUESTED, this, n);
		drain(null);
	}

	@Override
	public void cancel() {
		if (!cancelled) {
			cancelled = true;
			if (WIP.getAndIncrement(this) == 0) {
				clearAll();
			}
		}
	}

	@Override
	public void innerError(FluxEagerInner<R> inner, Throwable e) {
		Throwable e2 = Operators.onNextInnerError(e, currentContext(), s);
		if (e2 != null) {
			if (Exceptions.addThrowable(ERROR, this, e2)) {
				done = true;
				inner.done = true;
				drain(null);
			}
			else {
				inner.done = true;
				Operators.onErrorDropped(e2, actual.currentContext());
			}
		}
		else {
			inner.done = true;
			drain(null);
		}
	}

	@Override
	public void innerComplete(FluxEagerInner<R> inner) {
		if (WIP.getAndIncrement(this) == 0) {
			drainLoop();
		}
	}

	boolean failOverflow(R v, @Nullable Subscription toCancel) {
		Throwable e = Operators.onOperatorError(toCancel, Exceptions.failWithOverflow(Exceptions.BACKPRESSURE_ERROR_QUEUE_FULL), v, actual.currentContext());
		Operators.onDiscard(v, actual.currentContext());
		if (!Exceptions.addThrowable(ERROR, this, e)) {
			Operators.onErrorDropped(e, actual.currentContext());
			return false;
		}
		return true;
	}

	@Override
	@Nullable
	public Object scanUnsafe(Attr key) {
		if (key == Attr.PARENT) return s;
		if (key == Attr.ACTUAL) return actual;
		if (key == Attr.CANCELLED) return cancelled;
		if (key == Attr.ERROR) return error;
		if (key == Attr.TERMINATED) return done && size == 0 && (resolvedQueue == null || resolvedQueue.isEmpty());
		if (key == Attr.PREFETCH) return maxConcurrency;
		if (key == Attr.REQUESTED_FROM_DOWNSTREAM) return requested;
		if (key == Attr.RUN_STYLE) return Attr.RunStyle.SYNC;
		return null;
	}
}
