package io.reactoreager.metrics.testing;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/** A reusable subscriber that allocates nothing: requests everything and counts the signals. */
public final class Sink implements CoreSubscriber<Object> {

	public long values;
	public long completions;
	public long errors;

	@Override
	public void onSubscribe(Subscription s) {
		s.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(Object o) {
		values++;
	}

	@Override
	public void onError(Throwable t) {
		errors++;
	}

	@Override
	public void onComplete() {
		completions++;
	}
}
