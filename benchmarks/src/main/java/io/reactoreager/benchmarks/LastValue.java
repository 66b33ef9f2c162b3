package io.reactoreager.benchmarks;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * A reusable subscriber for micro benchmarks: requests everything, keeps the last value, and
 * allocates nothing itself, so bytes/op are the pipeline's own. Used identically by the eager,
 * switch-off and stock variants. Not thread-safe; one per benchmark thread, and a value that
 * arrives on another thread is not expected (the micro suites complete their pending sources on
 * the benchmark thread).
 */
public final class LastValue implements CoreSubscriber<Object> {
	private Object value;
	private Throwable error;

	@Override
	public void onSubscribe(Subscription s) {
		s.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(Object next) {
		value = next;
	}

	@Override
	public void onError(Throwable t) {
		error = t;
	}

	@Override
	public void onComplete() {
	}

	/** The last value since the previous call, then forgets it; throws if an error arrived. */
	public Object take() {
		if (error != null) {
			Throwable t = error;
			error = null;
			throw new IllegalStateException("pipeline failed", t);
		}
		Object v = value;
		value = null;
		return v;
	}
}
