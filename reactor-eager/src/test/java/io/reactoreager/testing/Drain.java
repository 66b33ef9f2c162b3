package io.reactoreager.testing;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * A subscriber for allocation tests that allocates nothing itself and can be reused: requests
 * everything, adds up values that are numbers, counts values and completions, and fails the test
 * on an error.
 */
public final class Drain implements CoreSubscriber<Object> {

	/** The sum of the numeric values received. */
	public long sum;

	/** How many values were received. */
	public long values;

	/** How many times {@code onComplete} was called. */
	public long completions;

	@Override
	public void onSubscribe(Subscription s) {
		s.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(Object v) {
		values++;
		if (v instanceof Number n) {
			sum += n.longValue();
		}
	}

	@Override
	public void onError(Throwable t) {
		throw new AssertionError(t);
	}

	@Override
	public void onComplete() {
		completions++;
	}
}
