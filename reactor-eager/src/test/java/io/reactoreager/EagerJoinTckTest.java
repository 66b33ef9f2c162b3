package io.reactoreager;

import io.reactoreager.testing.TckPublishers;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;

/** Reactive Streams TCK for the pending join: {@code Eager.zip} over pending inputs completed from another thread. */
public class EagerJoinTckTest extends PublisherVerification<Integer> {

	public EagerJoinTckTest() {
		super(TckPublishers.environment());
	}

	@Override
	public Publisher<Integer> createPublisher(long elements) {
		EagerSink<Integer> a = Eager.sink(() -> { });
		EagerSink<Integer> b = Eager.sink(() -> { });
		TckPublishers.later(() -> a.tryEmitValue(1));
		TckPublishers.later(() -> {
			if (elements == 0) {
				b.tryEmitEmpty();
			}
			else {
				b.tryEmitValue(2);
			}
		});
		return Eager.zip(a.asMono(), b.asMono()).transform(Eager.map(t -> t.getT1() + t.getT2()));
	}

	@Override
	public Publisher<Integer> createFailedPublisher() {
		EagerSink<Integer> a = Eager.sink(() -> { });
		EagerSink<Integer> b = Eager.sink(() -> { });
		TckPublishers.later(() -> b.tryEmitError(new IllegalStateException("failed publisher")));
		return Eager.zip(a.asMono(), b.asMono()).transform(Eager.map(t -> t.getT1() + t.getT2()));
	}

	@Override
	public long maxElementsFromPublisher() {
		return 1;
	}
}
