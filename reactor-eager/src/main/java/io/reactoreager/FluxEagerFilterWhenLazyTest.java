package io.reactoreager;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/** The subscriber of one lazy test: takes its first value (or empty, or error). */
final class FluxEagerFilterWhenLazyTest implements CoreSubscriber<Boolean> {

	@SuppressWarnings("rawtypes")
	static final AtomicReferenceFieldUpdater<FluxEagerFilterWhenLazyTest, Subscription> SUBSCRIPTION =
			AtomicReferenceFieldUpdater.newUpdater(FluxEagerFilterWhenLazyTest.class, Subscription.class, "subscription");

	final FluxEagerFilterWhenMain<?> parent;
	final boolean cancelOnFirst;
	boolean done;

	@Nullable
	volatile Subscription subscription;

	FluxEagerFilterWhenLazyTest(FluxEagerFilterWhenMain<?> parent, boolean cancelOnFirst) {
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
