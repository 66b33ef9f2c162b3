package io.reactoreager.examples.gettingstarted;

import java.util.List;

import io.reactoreager.EagerFlux;
import io.reactoreager.examples.gettingstarted.FirstPipeline.Product;
import reactor.core.publisher.Flux;

/** Several products at once with {@link EagerFlux#flatMapSequential}. */
public final class FluxLookup {

	private FluxLookup() {
	}

	static Flux<Product> products(FirstPipeline catalogue, List<String> ids) {
		// tag::flux[]
		Flux<Product> products = Flux.fromIterable(ids)
				.transform(EagerFlux.flatMapSequential(id -> catalogue.find(id)));   // source order, unknown ids left out
		// end::flux[]
		return products;
	}

	public static void main(String[] args) {
		FirstPipeline catalogue = new FirstPipeline();
		catalogue.find("p2").block();                               // p2 is now cached: read on the spot
		List<Product> found = products(catalogue, List.of("p1", "x9", "p2", "p3")).collectList().block();
		System.out.println(found);
	}
}
