package io.reactoreager;

import io.reactoreager.testing.TckPublishers;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import reactor.core.publisher.Mono;

/**
 * Reactive Streams TCK for {@link Eager#just}, on its shared {@code Boolean.TRUE} instance: every
 * subscriber of the one instance gets its own subscription.
 */
public class EagerJustTckTest extends PublisherVerification<Boolean> {

	public EagerJustTckTest() {
		super(TckPublishers.environment());
	}

	@Override
	public Publisher<Boolean> createPublisher(long elements) {
		Mono<Boolean> verdict = Eager.just(true);
		if (verdict != Eager.just(Boolean.TRUE)) {
			throw new AssertionError("not the shared instance: " + verdict);
		}
		return elements == 0 ? verdict.transform(Eager.filter(b -> !b)) : verdict;
	}

	@Override
	public Publisher<Boolean> createFailedPublisher() {
		return Eager.just(true).transform(Eager.map(b -> {
			throw new IllegalStateException("failed publisher");
		}));
	}

	@Override
	public long maxElementsFromPublisher() {
		return 1;
	}
}
