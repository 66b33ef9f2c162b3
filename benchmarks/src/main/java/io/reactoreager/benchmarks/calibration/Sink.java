package io.reactoreager.benchmarks.calibration;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * The one reusable subscriber every calibration pipeline ends in, so that the consumer itself
 * allocates nothing and is the same in both modes: requests everything, counts the signals.
 */
final class Sink implements CoreSubscriber<Object> {

	long values;
	long completions;
	long errors;

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
