package io.reactoreager;

import io.reactoreager.testing.TckPublishers;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import reactor.core.publisher.Mono;

/** Reactive Streams TCK for the lazy chain: {@code Mono.fromCallable(..).transform(Eager.map(..))}. */
public class MonoLazyChainTckTest extends PublisherVerification<Integer> {

	public MonoLazyChainTckTest() {
		super(TckPublishers.environment());
	}

	@Override
	public Publisher<Integer> createPublisher(long elements) {
		return Mono.fromCallable(() -> elements == 0 ? null : 1)
				.transform(Eager.map(x -> x + 1))
				.transform(Eager.filter(x -> x > 0));
	}

	@Override
	public Publisher<Integer> createFailedPublisher() {
		return Mono.<Integer>fromCallable(() -> {
			throw new IllegalStateException("failed publisher");
		}).transform(Eager.map(x -> x + 1));
	}

	@Override
	public long maxElementsFromPublisher() {
		return 1;
	}
}
