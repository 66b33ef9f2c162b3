package io.reactoreager;

import java.util.concurrent.TimeUnit;

import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reactive Streams TCK for {@link Eager#group}: a group whose child completes later on another
 * thread (the group's outcome is delivered from that thread), and a failing child.
 */
public class EagerGroupTckTest extends PublisherVerification<Integer> {

	public EagerGroupTckTest() {
		super(new TestEnvironment(2000, 50));
	}

	static Mono<Integer> later(boolean fail) {
		EagerSink<Integer> sink = Eager.sink(() -> { });
		Schedulers.parallel().schedule(() -> {
			if (fail) {
				sink.tryEmitError(new IllegalStateException("failed child"));
			}
			else {
				sink.tryEmitValue(0);
			}
		}, 1, TimeUnit.MILLISECONDS);
		return sink.asMono();
	}

	@Override
	public Publisher<Integer> createPublisher(long elements) {
		return Eager.group(tg -> {
			tg.fork(later(false));
			tg.fork(Mono.just(2));
			return elements == 0 ? Mono.empty() : Mono.just(1);
		});
	}

	@Override
	public Publisher<Integer> createFailedPublisher() {
		return Eager.group(tg -> {
			tg.fork(later(true));
			return Mono.just(1);
		});
	}

	@Override
	public long maxElementsFromPublisher() {
		return 1;
	}
}
