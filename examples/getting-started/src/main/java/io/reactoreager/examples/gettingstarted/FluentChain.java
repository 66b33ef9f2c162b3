package io.reactoreager.examples.gettingstarted;

import io.reactoreager.Eager;
import reactor.core.publisher.Mono;

/** The label pipeline of {@link FirstPipeline} written as a fluent chain. */
public final class FluentChain {

	private FluentChain() {
	}

	static Mono<String> label(FirstPipeline catalogue, String id) {
		// tag::chain[]
		Mono<String> label = Eager.of(catalogue.find(id))
				.map(p -> p.name() + " (" + p.priceCents() / 100.0 + ")")
				.defaultIfEmpty("unknown product")
				.toMono();                                          // same as the transform chain
		// end::chain[]
		return label;
	}

	public static void main(String[] args) {
		FirstPipeline catalogue = new FirstPipeline();
		System.out.println(label(catalogue, "p1").block());
		System.out.println(label(catalogue, "p1").block());
		System.out.println(label(catalogue, "x9").block());
	}
}
