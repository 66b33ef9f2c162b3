package io.reactoreager;

import io.reactoreager.testing.TckPublishers;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;

/** Reactive Streams TCK for the pending type of an {@code Eager.sink} completed from another thread. */
public class MonoPendingSinkTckTest extends PublisherVerification<Integer> {

	public MonoPendingSinkTckTest() {
		super(TckPublishers.environment());
	}

	@Override
	public Publisher<Integer> createPublisher(long elements) {
		EagerSink<Integer> sink = Eager.sink(() -> { });
		TckPublishers.later(() -> {
			if (elements == 0) {
				sink.tryEmitEmpty();
			}
			else {
				sink.tryEmitValue(1);
			}
		});
		return sink.asMono();
	}

	@Override
	public Publisher<Integer> createFailedPublisher() {
		EagerSink<Integer> sink = Eager.sink(() -> { });
		TckPublishers.later(() -> sink.tryEmitError(new IllegalStateException("failed publisher")));
		return sink.asMono();
	}

	@Override
	public long maxElementsFromPublisher() {
		return 1;
	}
}
