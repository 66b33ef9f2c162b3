package io.reactoreager;

import java.util.stream.LongStream;

import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reactive Streams TCK for the eager Flux filterWhen, with every third test resolved, every
 * third pending (completed from another thread) and every third lazy.
 */
public class FluxEagerFilterWhenTckTest extends PublisherVerification<Long> {

	public FluxEagerFilterWhenTckTest() {
		super(new TestEnvironment(1_000, 50));
	}

	static Mono<Boolean> test(long i) {
		switch ((int) (i % 3)) {
			case 0:
				return Mono.just(true);
			case 1: {
				EagerSink<Boolean> s = Eager.sink(() -> { });
				Schedulers.parallel().schedule(() -> s.tryEmitValue(true));
				return s.asMono();
			}
			default:
				return Mono.just(true).hide();
		}
	}

	@Override
	public Publisher<Long> createPublisher(long elements) {
		return Flux.fromStream(() -> LongStream.range(0, elements).boxed())
				.transform(EagerFlux.filterWhen(FluxEagerFilterWhenTckTest::test, 4));
	}

	@Override
	public Publisher<Long> createFailedPublisher() {
		return Flux.<Long>error(new IllegalStateException("failed"))
				.transform(EagerFlux.filterWhen(FluxEagerFilterWhenTckTest::test));
	}
}
