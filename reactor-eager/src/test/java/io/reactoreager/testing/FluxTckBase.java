package io.reactoreager.testing;

import io.reactoreager.Eager;
import io.reactoreager.EagerSink;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Base of the Reactive Streams TCK runs for the EagerFlux operators: the source is
 * {@code Flux.range} (SYNC-fuseable, so pulled), and element {@code i} maps to a resolved inner
 * ({@code i % 3 == 0}), a pending inner completed from another thread ({@code 1}) or a lazy
 * inner ({@code 2}).
 */
public abstract class FluxTckBase extends PublisherVerification<Long> {

	protected FluxTckBase() {
		super(new TestEnvironment(1000, 100));
	}

	/** Applies the operator under test. */
	protected abstract Flux<Long> apply(Flux<Long> source);

	public static Publisher<Long> mixedInner(Long i) {
		switch ((int) (i % 3)) {
			case 0:
				return Mono.just(i);
			case 1: {
				EagerSink<Long> sink = Eager.sink(() -> { });
				Schedulers.parallel().schedule(() -> sink.tryEmitValue(i));
				return sink.asMono();
			}
			default:
				return Mono.just(i).map(x -> x);
		}
	}

	@Override
	public Publisher<Long> createPublisher(long elements) {
		return apply(Flux.range(0, (int) elements).map(i -> (long) i));
	}

	@Override
	public Publisher<Long> createFailedPublisher() {
		return apply(Flux.error(new RuntimeException("failed publisher")));
	}

	@Override
	public long maxElementsFromPublisher() {
		return 1024;
	}
}
