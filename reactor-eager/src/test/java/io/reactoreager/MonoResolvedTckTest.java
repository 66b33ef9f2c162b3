package io.reactoreager;

import io.reactoreager.testing.TckPublishers;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import reactor.core.publisher.Mono;

/** Reactive Streams TCK for the resolved type: an eager step over {@code Mono.just}. */
public class MonoResolvedTckTest extends PublisherVerification<Integer> {

	public MonoResolvedTckTest() {
		super(TckPublishers.environment());
	}

	@Override
	public Publisher<Integer> createPublisher(long elements) {
		Mono<Integer> m = Mono.just(1).transform(Eager.map(x -> x + 1)).transform(Eager.filter(x -> elements > 0));
		if (!(m instanceof MonoResolved)) {
			throw new AssertionError("not the resolved type: " + m);
		}
		return m;
	}

	@Override
	public Publisher<Integer> createFailedPublisher() {
		return Mono.just(1).transform(Eager.map(x -> {
			throw new IllegalStateException("failed publisher");
		}));
	}

	@Override
	public long maxElementsFromPublisher() {
		return 1;
	}
}
