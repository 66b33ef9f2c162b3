package io.reactoreager;

import io.reactoreager.testing.FluxTckBase;
import reactor.core.publisher.Flux;

/** Reactive Streams TCK ({@code PublisherVerification}) for {@code EagerFlux.flatMapSequential} over mixed inners. */
public class FluxEagerFlatMapSequentialTckTest extends FluxTckBase {

	@Override
	protected Flux<Long> apply(Flux<Long> source) {
		return source.transform(EagerFlux.flatMapSequential(FluxTckBase::mixedInner));
	}
}
