package io.reactoreager;

import io.reactoreager.testing.FluxTckBase;
import reactor.core.publisher.Flux;

/** Reactive Streams TCK ({@code PublisherVerification}) for {@code EagerFlux.flatMap} over mixed inners. */
public class FluxEagerFlatMapTckTest extends FluxTckBase {

	@Override
	protected Flux<Long> apply(Flux<Long> source) {
		return source.transform(EagerFlux.flatMap(FluxTckBase::mixedInner));
	}
}
