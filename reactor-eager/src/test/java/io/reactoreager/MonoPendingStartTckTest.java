package io.reactoreager;

import io.reactoreager.testing.TckPublishers;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import reactor.core.publisher.Mono;

/** Reactive Streams TCK for the pending type made by {@code Eager.start} of a Mono completing later. */
public class MonoPendingStartTckTest extends PublisherVerification<Integer> {

	public MonoPendingStartTckTest() {
		super(TckPublishers.environment());
	}

	@Override
	public Publisher<Integer> createPublisher(long elements) {
		Mono<Integer> later = elements == 0 ? Mono.<Integer>empty().delaySubscription(TckPublishers.DELAY)
				: Mono.just(1).delayElement(TckPublishers.DELAY);
		return Eager.start(later);
	}

	@Override
	public Publisher<Integer> createFailedPublisher() {
		return Eager.start(Mono.<Integer>error(new IllegalStateException("failed publisher")).delaySubscription(TckPublishers.DELAY));
	}

	@Override
	public long maxElementsFromPublisher() {
		return 1;
	}
}
