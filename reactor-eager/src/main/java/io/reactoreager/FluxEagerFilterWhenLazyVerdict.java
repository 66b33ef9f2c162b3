package io.reactoreager;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * The subscriber of one lazy predicate result of {@code filterWhen} (the verdict on one value):
 * takes its first value (or empty, or error) and hands it to the main.
 */
final class FluxEagerFilterWhenLazyVerdict implements CoreSubscriber<Boolean> {

	@SuppressWarnings("rawtypes")
	static final AtomicReferenceFieldUpdater<FluxEagerFilterWhenLazyVerdict, Subscription> SUBSCRIPTION =
			AtomicReferenceFieldUpdater.newUpdater(FluxEagerFilterWhenLazyVerdict.class, Subscription.class, "subscription");

	final FluxEagerFilterWhenMain<?> parent;
	final boolean cancelOnFirst;
	boolean done;

	@Nullable
	volatile Subscription subscription;

	FluxEagerFilterWhenLazyVerdict(FluxEagerFilterWhenMain<?> parent, boolean cancelOnFirst) {
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
