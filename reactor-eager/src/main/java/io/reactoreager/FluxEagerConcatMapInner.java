package io.reactoreager;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The subscriber of one lazy inner of {@code concatMap}. Signals:
 * <ul>
 * <li>{@code onSubscribe}: hands the subscription to the parent's arbiter, which requests the
 * outstanding demand;</li>
 * <li>{@code onNext}: counts it and passes it straight down through the parent;</li>
 * <li>{@code onError} / {@code onComplete}: reports what was emitted to the arbiter, clears the
 * parent's current inner, and lets the parent fail or move to the next element;</li>
 * <li>{@link #cancel()}: cancels the inner's source.</li>
 * </ul>
 * It has no queue: it must never buffer a value, nor request by itself (demand comes only through
 * the parent's arbiter). It is not a {@link FluxEagerLazyInner}: that one buffers and prefetches
 * for a merge, this one passes demand through for a strict sequence.
 */
final class FluxEagerConcatMapInner<R> implements CoreSubscriber<R> {

	@SuppressWarnings("rawtypes")
	static final AtomicReferenceFieldUpdater<FluxEagerConcatMapInner, Subscription> S =
			AtomicReferenceFieldUpdater.newUpdater(FluxEagerConcatMapInner.class, Subscription.class, "s");

	final FluxEagerConcatMapMain<?, R> parent;
	volatile Subscription s;
	long produced;

	FluxEagerConcatMapInner(FluxEagerConcatMapMain<?, R> parent) {
		this.parent = parent;
	}

	@Override
	public Context currentContext() {
		return parent.currentContext();
	}

	@Override
	public void onSubscribe(Subscription s) {
		if (Operators.setOnce(S, this, s)) {
			parent.innerSubscription(s);
		}
	}

	@Override
	public void onNext(R t) {
		produced++;
		parent.innerNext(t);
	}

	@Override
	public void onError(Throwable t) {
		flushProduced();
		parent.current = null;
		parent.innerError(t);
	}

	@Override
	public void onComplete() {
		flushProduced();
		parent.current = null;
		parent.innerComplete();
	}

	private void flushProduced() {
		long p = produced;
		if (p != 0L) {
			produced = 0L;
			parent.innerProduced(p);
		}
	}

	void cancel() {
		Operators.terminate(S, this);
	}
}
