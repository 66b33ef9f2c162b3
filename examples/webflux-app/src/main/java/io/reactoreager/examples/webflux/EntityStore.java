package io.reactoreager.examples.webflux;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.reactoreager.Eager;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The caches behind the listing endpoints: entities, read permissions per tenant, status, prices.
 * Each lookup answers a hit with {@code Eager.just(value)}, a <em>resolved</em> Mono (with the
 * switch off it is {@code Mono.just(value)}), and a miss with a <em>lazy</em> load that fills the
 * cache when subscribed. After the first request every lookup of the endpoint is a hit: the checks
 * are mostly resolved, the shape of a permission-filtered listing.
 *
 * <p>With {@code remote} set, the status of one entity in {@value #REMOTE_EVERY} is not cacheable
 * and is asked from a remote service each time: the call is started at once and answers after
 * {@value #REMOTE_LATENCY_MILLIS} ms ({@code Eager.fromFuture} of the call's
 * {@code CompletableFuture}: <em>pending</em> with the switch on, {@code Mono.fromFuture} with it off).
 */
@Component
public final class EntityStore {

	/** Entity ids are {@code 0 .. MAX_ENTITIES - 1}. */
	public static final int MAX_ENTITIES = 1_000;

	/** With {@code remote}, the status of entity {@code id} is remote when {@code id % REMOTE_EVERY == REMOTE_EVERY - 1}. */
	public static final int REMOTE_EVERY = 20;

	/** How long the remote status service takes to answer. */
	public static final long REMOTE_LATENCY_MILLIS = 2;

	private static final Executor REMOTE = CompletableFuture.delayedExecutor(REMOTE_LATENCY_MILLIS, TimeUnit.MILLISECONDS);

	private final Map<Integer, Entity> entities = new ConcurrentHashMap<>();
	private final Map<String, Map<Integer, Boolean>> readable = new ConcurrentHashMap<>();
	private final Map<Integer, Boolean> active = new ConcurrentHashMap<>();
	private final Map<Integer, Long> prices = new ConcurrentHashMap<>();

	/**
	 * @param id the entity id
	 * @return the entity: resolved on a hit, a lazy load on a miss
	 */
	public Mono<Entity> entity(int id) {
		return lookup(entities, id, EntityStore::loadEntity);
	}

	/**
	 * @param tenant the tenant asking
	 * @param id the entity id
	 * @return whether {@code tenant} may read the entity (an access-control cache)
	 */
	public Mono<Boolean> mayRead(String tenant, int id) {
		Map<Integer, Boolean> perTenant = readable.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
		return lookup(perTenant, id, i -> loadReadable(tenant, i));
	}

	/**
	 * @param id the entity id
	 * @param remote whether the status of one entity in {@value #REMOTE_EVERY} is a remote call
	 * @return whether the entity is active (a status cache, or a started remote call)
	 */
	public Mono<Boolean> isActive(int id, boolean remote) {
		if (remote && isRemote(id)) {
			return Eager.fromFuture(remoteStatus(id));
		}
		return lookup(active, id, EntityStore::loadActive);
	}

	/**
	 * @param id the entity id
	 * @return whether the entity's status is a remote call when {@code remote} is asked for
	 */
	public static boolean isRemote(int id) {
		return id % REMOTE_EVERY == REMOTE_EVERY - 1;
	}

	/** The remote status service: the call starts now and answers on another thread. */
	private static CompletableFuture<Boolean> remoteStatus(int id) {
		return CompletableFuture.supplyAsync(() -> loadActive(id), REMOTE);
	}

	/**
	 * @param id the entity id
	 * @return the entity's price in cents (a price cache)
	 */
	public Mono<Long> priceCents(int id) {
		return lookup(prices, id, i -> 100L + 7L * i);
	}

	/** Empties every cache (for tests). */
	public void evictAll() {
		entities.clear();
		readable.clear();
		active.clear();
		prices.clear();
	}

	private static <V> Mono<V> lookup(Map<Integer, V> cache, int id, IntFunction<V> load) {
		if (id < 0 || id >= MAX_ENTITIES) {
			throw new IllegalArgumentException("id must be between 0 and " + (MAX_ENTITIES - 1) + ", was " + id);
		}
		V hit = cache.get(id);
		if (hit != null) {
			return Eager.just(hit);
		}
		// the backing store: lazy, subscribed by the pipeline (stock or eager alike) on a miss
		return Mono.fromCallable(() -> cache.computeIfAbsent(id, load::apply));
	}

	private static Entity loadEntity(int id) {
		return new Entity(id, "entity-" + id, id % 5 == 0 ? "us" : "global", id % 13 == 0);
	}

	private static boolean loadActive(int id) {
		return id % 11 != 0;
	}

	private static boolean loadReadable(String tenant, int id) {
		Objects.requireNonNull(tenant, "tenant");
		return id % 7 != 0;
	}
}
