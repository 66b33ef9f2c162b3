package io.reactoreager.examples.webflux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.reactoreager.Eager;
import io.reactoreager.EagerFlux;
import io.reactoreager.EagerStats;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An ordinary annotated WebFlux controller: every handler returns a {@code Mono} and applies eager
 * steps with {@code transform}. On a cache hit the steps run inline while the handler method is
 * still on the stack; WebFlux then subscribes to an already resolved Mono.
 */
@RestController
public final class ProductController {

	private final ProductCatalogue catalogue;
	private final Pricing pricing;

	public ProductController(ProductCatalogue catalogue, Pricing pricing) {
		this.catalogue = catalogue;
		this.pricing = pricing;
	}

	/** One product; 404 for an unknown id. */
	@GetMapping("/products/{id}")
	public Mono<Product> product(@PathVariable String id) {
		return catalogue.find(id).transform(Eager.switchIfEmpty(notFound(id)));
	}

	/** Several products in the order asked for, unknown ids left out ({@code Eager.gather}). */
	@GetMapping("/products")
	public Mono<List<Product>> products(@RequestParam List<String> ids) {
		List<Mono<Product>> lookups = new ArrayList<>(ids.size());
		for (String id : ids) {
			lookups.add(catalogue.find(id));
		}
		return Eager.gather(lookups);
	}

	/**
	 * The products found among {@code ids}, streamed as newline-delimited JSON, each as soon as it
	 * is found ({@code EagerFlux.flatMap}: no order is promised). A cached id is emitted inline,
	 * with no inner subscriber; a miss is a lazy store call, subscribed as stock {@code flatMap}
	 * would; an unknown id emits nothing.
	 */
	@GetMapping(path = "/products/stream", produces = MediaType.APPLICATION_NDJSON_VALUE)
	public Flux<Product> stream(@RequestParam List<String> ids) {
		return Flux.fromIterable(ids).transform(EagerFlux.flatMap(catalogue::find));
	}

	/**
	 * A quote for the current user. The product step is eager (inline on a hit); the user is read
	 * from the subscriber's {@code Context} by a <em>lazy</em> step inside the eager
	 * {@code flatMap}, so it sees the {@code X-User} the filter put there even though the eager
	 * step itself ran before WebFlux subscribed (docs/webflux.md, "The Context rule").
	 */
	@GetMapping("/products/{id}/quote")
	public Mono<Quote> quote(@PathVariable String id) {
		return catalogue.find(id)
				.transform(Eager.switchIfEmpty(notFound(id)))
				.transform(Eager.flatMap(product -> CurrentUser.current()
						.transform(Eager.switchIfEmpty(Mono.error(new IllegalStateException("no CurrentUser in the Context"))))
						.transform(Eager.map(user -> pricing.quote(product, user)))));
	}

	/** The in-process eager counters, totals by kind, and the cache's hit/miss counts. */
	@GetMapping("/eager/stats")
	public Mono<Map<String, Long>> stats() {
		EagerStats.Snapshot s = EagerStats.snapshot();
		Map<String, Long> body = new LinkedHashMap<>();
		for (EagerStats.Kind kind : EagerStats.Kind.values()) {
			body.put(kind.tagValue(), s.total(kind));
		}
		body.put("cache.hits", catalogue.hits());
		body.put("cache.misses", catalogue.misses());
		return Mono.just(body);
	}

	/**
	 * The 404 of an unknown id. The exception is built only when the Mono is subscribed, i.e. only
	 * for an unknown id: the fallback of a {@code switchIfEmpty} is assembled on every request, and
	 * building a {@code ResponseStatusException} (its stack trace) there cost more than the whole
	 * cache-hit request.
	 */
	static <T> Mono<T> notFound(String id) {
		return Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no product " + id));
	}
}
