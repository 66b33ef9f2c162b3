package io.reactoreager.examples.gettingstarted;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.reactoreager.Eager;
import io.reactoreager.EagerPolicy;
import io.reactoreager.EagerStats;
import reactor.core.publisher.Mono;

/** A product label from a cache in front of a slow backend: the first eager pipeline. */
public final class FirstPipeline {

	/** What the backend returns. */
	public record Product(String id, String name, long priceCents) {
	}

	/** A stand-in for a remote service: lazy, answers after 20 ms, empty for an unknown id. */
	public static Mono<Product> fetchFromBackend(String id) {
		return Mono.delay(Duration.ofMillis(20))
				.flatMap(tick -> id.startsWith("p") ? Mono.just(new Product(id, "Product " + id, 1999)) : Mono.empty());
	}

	private final Map<String, Product> cache = new ConcurrentHashMap<>();

	public Mono<Product> find(String id) {
		Product hit = cache.get(id);
		if (hit != null) {
			return Mono.just(hit);                                  // resolved
		}
		return fetchFromBackend(id)                                 // lazy
				.transform(Eager.doOnNext(p -> cache.put(id, p)));
	}

	public Mono<String> label(String id) {
		return find(id)
				.transform(Eager.map(p -> p.name() + " (" + p.priceCents() / 100.0 + ")"))
				.transform(Eager.defaultIfEmpty("unknown product"));
	}

	public static void main(String[] args) {
		EagerPolicy.setStatsEnabled(true);                          // count what the eager steps do
		FirstPipeline catalogue = new FirstPipeline();
		System.out.println(catalogue.label("p1").block());          // miss: the backend answers
		System.out.println(catalogue.label("x9").block());          // miss: unknown id

		EagerStats.Snapshot before = EagerStats.snapshot();
		Mono<String> hit = catalogue.label("p1");                   // hit: map and defaultIfEmpty run here
		System.out.println("resolved before subscribing: " + Eager.isResolved(hit));
		System.out.println(hit.block());
		System.out.println(EagerStats.snapshot().minus(before));
	}
}
