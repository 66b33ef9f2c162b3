package io.reactoreager;

import java.util.List;

import io.reactoreager.testing.TckPublishers;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import reactor.core.publisher.Mono;

/**
 * Reactive Streams TCK for the pending join made by {@code Eager.gather} over pending inputs. gather
 * always emits one list; the zero-element publisher filters out the empty list of empty children.
 */
public class EagerGatherTckTest extends PublisherVerification<List<Integer>> {

	public EagerGatherTckTest() {
		super(TckPublishers.environment());
	}

	@Override
	public Publisher<List<Integer>> createPublisher(long elements) {
		EagerSink<Integer> a = Eager.sink(() -> { });
		EagerSink<Integer> b = Eager.sink(() -> { });
		TckPublishers.later(() -> {
			if (elements == 0) {
				a.tryEmitEmpty();
				b.tryEmitEmpty();
			}
			else {
				a.tryEmitValue(1);
				b.tryEmitValue(2);
			}
		});
		Mono<List<Integer>> g = Eager.gather(List.of(a.asMono(), b.asMono()));
		return elements == 0 ? g.transform(Eager.filter(l -> !l.isEmpty())) : g;
	}

	@Override
	public Publisher<List<Integer>> createFailedPublisher() {
		EagerSink<Integer> a = Eager.sink(() -> { });
		TckPublishers.later(() -> a.tryEmitError(new IllegalStateException("failed publisher")));
		return Eager.gather(List.of(a.asMono(), Mono.just(2)));
	}

	@Override
	public long maxElementsFromPublisher() {
		return 1;
	}
}
