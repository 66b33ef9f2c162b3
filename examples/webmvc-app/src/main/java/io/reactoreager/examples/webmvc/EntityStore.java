package io.reactoreager.examples.webmvc;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * The same four caches as the WebFlux example's store, read with plain blocking calls: a hit is a
 * map read, a miss loads the value in place. With {@code remote}, the status of one entity in
 * {@value #REMOTE_EVERY} is asked from the same remote service as in the WebFlux example (an answer
 * after {@value #REMOTE_LATENCY_MILLIS} ms), and the request's virtual thread parks until it comes.
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

	Entity entity(int id) {
		return entities.computeIfAbsent(id, i -> new Entity(i, "entity-" + i, i % 5 == 0 ? "us" : "global", i % 13 == 0));
	}

	boolean mayRead(String tenant, int id) {
		return readable.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).computeIfAbsent(id, i -> i % 7 != 0);
	}

	boolean isActive(int id, boolean remote) {
		if (remote && id % REMOTE_EVERY == REMOTE_EVERY - 1) {
			return CompletableFuture.supplyAsync(() -> id % 11 != 0, REMOTE).join();
		}
		return active.computeIfAbsent(id, i -> i % 11 != 0);
	}

	long priceCents(int id) {
		return prices.computeIfAbsent(id, i -> 100L + 7L * i);
	}
}
