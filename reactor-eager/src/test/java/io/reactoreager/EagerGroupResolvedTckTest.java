package io.reactoreager;

import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import reactor.core.publisher.Mono;

/**
 * Reactive Streams TCK for {@link Eager#group} whose children are all resolved at fork: the
 * group's outcome is delivered during {@code subscribe}, under backpressure.
 */
public class EagerGroupResolvedTckTest extends PublisherVerification<Integer> {

	public EagerGroupResolvedTckTest() {
		super(new TestEnvironment(2000, 50));
	}

	@Override
	public Publisher<Integer> createPublisher(long elements) {
		return Eager.group(tg -> {
			tg.fork(Mono.just(1));
			tg.fork(Mono.fromCallable(() -> 2));
			return elements == 0 ? Mono.empty() : Mono.just(1);
		});
	}

	@Override
	public Publisher<Integer> createFailedPublisher() {
		return Eager.group(tg -> {
			tg.fork(Mono.error(new IllegalStateException("failed child")));
			return Mono.just(1);
		});
	}

	@Override
	public long maxElementsFromPublisher() {
		return 1;
	}
}
