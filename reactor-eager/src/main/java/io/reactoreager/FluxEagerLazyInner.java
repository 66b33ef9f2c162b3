package io.reactoreager;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Fuseable;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

/**
 * The subscriber of a lazy inner of {@code flatMap} or {@code flatMapSequential}, subscribed with
 * {@code prefetch} and queue fusion as stock {@code flatMap} subscribes its inners. Signals:
 * <ul>
 * <li>{@code onSubscribe}: a {@code SYNC}-fused source becomes the buffer and the inner is
 * {@code done} at once ({@link FluxEagerInnerParent#innerReady}); an {@code ASYNC}-fused source
 * becomes the buffer; then {@code prefetch} is requested (unless {@code SYNC});</li>
 * <li>{@code onNext}: fused, {@link FluxEagerInnerParent#innerReady}; otherwise
 * {@link FluxEagerInnerParent#innerNext}, which emits inline or buffers through {@link #offer}
 * (the queue is allocated on the first value that has to wait); a value after completion is
 * dropped ({@link Operators#onNextDropped}), one after cancellation discarded;</li>
 * <li>{@code onError}: {@link FluxEagerInnerParent#innerError};</li>
 * <li>{@code onComplete}: marks it {@code done}, then {@link FluxEagerInnerParent#innerComplete};</li>
 * <li>{@link #request(long)}: replenishes 75% of the prefetch at a time, as stock does;</li>
 * <li>{@link #cancel()}: cancels the source and discards the queue.</li>
 * </ul>
 * It must never emit downstream itself, nor request more than {@code prefetch} ahead of what
 * was emitted.
 *
 * @param <R> the type of the inner values
 */
final class FluxEagerLazyInner<R> extends FluxEagerInner<R> implements CoreSubscriber<R>, Subscription {

	@SuppressWarnings("rawtypes")
	static final AtomicReferenceFieldUpdater<FluxEagerLazyInner, Subscription> S =
			AtomicReferenceFieldUpdater.newUpdater(FluxEagerLazyInner.class, Subscription.class, "s");

	final FluxEagerInnerParent<R> parent;
	final int prefetch;

	volatile Subscription s;
	@Nullable
	volatile Queue<R> queue;
	int sourceMode;
	long produced;

	FluxEagerLazyInner(FluxEagerInnerParent<R> parent, int prefetch) {
		this.parent = parent;
		this.prefetch = prefetch;
	}

	@Override
	public Context currentContext() {
		return parent.currentContext();
	}

	@Override
	@SuppressWarnings("unchecked")
	public void onSubscribe(Subscription s) {
		if (Operators.setOnce(S, this, s)) {
			if (s instanceof Fuseable.QueueSubscription<?> qs) {
				int m = qs.requestFusion(Fuseable.ANY | Fuseable.THREAD_BARRIER);
				if (m == Fuseable.SYNC) {
					sourceMode = Fuseable.SYNC;
					queue = (Queue<R>) qs;
					done = true;
					parent.innerReady(null);
					return;
				}
				if (m == Fuseable.ASYNC) {
					sourceMode = Fuseable.ASYNC;
					queue = (Queue<R>) qs;
				}
			}
			s.request(FluxSourcePull.unboundedOrPrefetch(prefetch));
		}
	}

	@Override
	public void onNext(R t) {
		if (sourceMode == Fuseable.ASYNC) {
			parent.innerReady(t);
			return;
		}
		if (done) {
			Operators.onNextDropped(t, parent.currentContext());
			return;
		}
		if (s == Operators.cancelledSubscription()) {
			Operators.onDiscard(t, parent.currentContext());
			return;
		}
		parent.innerNext(this, t);
	}

	@Override
	boolean offer(R v) {
		Queue<R> q = queue;
		if (q == null) {
			q = Queues.<R>get(prefetch).get();
			queue = q;
		}
		return q.offer(v);
	}

	@Override
	public void onError(Throwable t) {
		parent.innerError(this, t);
	}

	@Override
	public void onComplete() {
		done = true;
		parent.innerComplete(this);
	}

	@Override
	@Nullable
	R poll() {
		Queue<R> q = queue;
		if (q == null) {
			return null;
		}
		return q.poll();
	}

	@Override
	boolean isEmpty() {
		Queue<R> q = queue;
		return q == null || q.isEmpty();
	}

	@Override
	boolean hasBuffer() {
		return queue != null;
	}

	@Override
	public void request(long n) {
		if (sourceMode == Fuseable.SYNC) {
			return;
		}
		// the threshold is computed, not stored, to keep the inner one field smaller
		long p = produced + n;
		if (p >= FluxSourcePull.unboundedOrLimit(prefetch)) {
			produced = 0L;
			s.request(p);
		}
		else {
			produced = p;
		}
	}

	@Override
	public void cancel() {
		Operators.terminate(S, this);
		Operators.onDiscardQueueWithClear(queue, parent.currentContext(), null);
	}
}
