package io.reactoreager;

import io.reactoreager.testing.TckPublishers;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import reactor.core.publisher.Mono;

/** Reactive Streams TCK for the lazy join: {@code Eager.zip} of a resolved child and a lazy one. */
public class MonoLazyJoinTckTest extends PublisherVerification<Integer> {

	public MonoLazyJoinTckTest() {
		super(TckPublishers.environment());
	}

	@Override
	public Publisher<Integer> createPublisher(long elements) {
		Mono<Integer> lazy = elements == 0 ? Mono.defer(Mono::empty) : Mono.fromCallable(() -> 2);
		return Eager.zip(Mono.just(1), lazy).map(t -> t.getT1() + t.getT2());
	}

	@Override
	public Publisher<Integer> createFailedPublisher() {
		return Eager.zip(Mono.just(1), Mono.<Integer>defer(() -> Mono.error(new IllegalStateException("failed publisher"))))
				.map(t -> t.getT1() + t.getT2());
	}

	@Override
	public long maxElementsFromPublisher() {
		return 1;
	}
}
