package io.reactoreager.examples.webflux;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.reactoreager.Eager;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The catalogue: an in-memory cache in front of a slower inventory store.
 *
 * <p>A cache hit is answered with {@code Mono.just(product)}: a <em>resolved</em> Mono, so every
 * eager step the controller applies to it runs inline, at once, with no subscriber. A miss goes to
 * the store through a <em>lazy</em> Mono (it waits on a timer, standing in for a database or
 * remote call): nothing runs until WebFlux subscribes, and the eager steps after it are fused into
 * one subscriber at subscription. The miss fills the cache, so the next request for the same id is
 * a hit.
 */
@Component
public final class ProductCatalogue {

	private static final Map<String, Product> STORE = Map.of(
			"p1", new Product("p1", "Espresso cup", 1_250),
			"p2", new Product("p2", "Milk jug", 2_400),
			"p3", new Product("p3", "Tamper", 3_900),
			"p4", new Product("p4", "Grinder", 24_900),
			"p5", new Product("p5", "Scale", 4_500));

	private final Map<String, Product> cache = new ConcurrentHashMap<>();
	private final Duration storeLatency;
	private final LongAdder hits = new LongAdder();
	private final LongAdder misses = new LongAdder();

	public ProductCatalogue() {
		this(Duration.ofMillis(5));
	}

	ProductCatalogue(Duration storeLatency) {
		this.storeLatency = Objects.requireNonNull(storeLatency, "storeLatency");
	}

	/**
	 * Looks a product up: resolved on a cache hit, lazy (a store call) on a miss.
	 *
	 * @param id the product id, not null
	 * @return the product, or an empty Mono for an unknown id
	 */
	public Mono<Product> find(String id) {
		Objects.requireNonNull(id, "id");
		Product cached = cache.get(id);
		if (cached != null) {
			hits.increment();
			return Mono.just(cached);
		}
		misses.increment();
		return loadFromStore(id).transform(Eager.doOnNext(p -> cache.put(id, p)));
	}

	/** The inventory store: lazy and genuinely asynchronous (a timer on Reactor's parallel scheduler). */
	private Mono<Product> loadFromStore(String id) {
		return Mono.delay(storeLatency).flatMap(tick -> Mono.justOrEmpty(STORE.get(id)));
	}

	/** @return lookups answered from the cache */
	public long hits() {
		return hits.sum();
	}

	/** @return lookups that went to the store */
	public long misses() {
		return misses.sum();
	}

	/** Empties the cache (for tests and demos). */
	public void evictAll() {
		cache.clear();
	}
}
