package io.reactoreager.examples.webflux;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.reactoreager.Eager;
import io.reactoreager.EagerFlux;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A permission-filtered listing, the operator-heavy shape of many reactive controllers: {@code n}
 * entities, each kept or dropped by {@code filterWhen} over four checks that are almost always
 * resolved (two cache hits, two request attributes; with {@code remote=true} one status check in
 * twenty is a remote call), the kept ones enriched by a cache-hit {@code flatMap}, collected into
 * one JSON array.
 *
 * <p>The same handler twice: {@link #stock} with Reactor's operators, {@link #eager} with the eager
 * ones, chosen by the path. The eager one differs in three places only: {@code EagerFlux.flatMap} and
 * {@code EagerFlux.filterWhen} in place of {@code flatMap} and {@code filterWhen}, and the checks
 * chained with {@code Eager.of(..).flatMap(..)} and {@code Eager.just} in place of
 * {@code Mono.flatMap} and {@code Mono.just}. With the switch off ({@code reactor.eager.enabled=false})
 * every one of them builds its stock twin, so {@code /entities/eager} is then {@code /entities/stock}.
 *
 * <p>A third form, {@link #floor}, answers the same list from a copy kept after its first request,
 * with no operator at all: what a request costs the server when the handler costs nothing.
 */
@RestController
public final class EntityController {

	/** How many distinct requests {@link #floor} keeps an answer for; past it, it answers as {@link #stock}. */
	static final int FLOOR_ANSWERS = 64;

	private final EntityStore store;

	private final Map<FloorKey, List<EntityView>> floors = new ConcurrentHashMap<>();

	public EntityController(EntityStore store) {
		this.store = store;
	}

	/**
	 * The listing: {@code GET /entities/stock?n=100} or {@code GET /entities/eager?n=100}, with the
	 * request attributes the checks read in headers ({@code X-Tenant}, {@code X-Region},
	 * {@code X-Role}); {@code remote=true} makes the status check of one entity in twenty a remote
	 * call ({@link EntityStore#isActive}). {@code GET /entities/floor?n=100} is the floor: the
	 * same answer, kept ({@link #floor}).
	 */
	@GetMapping("/entities/{form}")
	public Mono<List<EntityView>> list(@PathVariable String form, @RequestParam(defaultValue = "20") int n,
			@RequestParam(defaultValue = "false") boolean remote,
			@RequestHeader(name = "X-Tenant", defaultValue = "acme") String tenant,
			@RequestHeader(name = "X-Region", defaultValue = "eu") String region,
			@RequestHeader(name = "X-Role", defaultValue = "user") String role) {
		if (n < 1 || n > EntityStore.MAX_ENTITIES) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "n must be between 1 and " + EntityStore.MAX_ENTITIES + ", was " + n);
		}
		boolean admin = "admin".equals(role);
		switch (form) {
			case "stock":
				return stock(n, remote, tenant, region, admin);
			case "eager":
				return eager(n, remote, tenant, region, admin);
			case "floor":
				return floor(n, tenant, region, admin);
			default:
				throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no listing form " + form);
		}
	}

	/** The listing with Reactor's operators. */
	Mono<List<EntityView>> stock(int n, boolean remote, String tenant, String region, boolean admin) {
		return Flux.range(0, n)
				.flatMap(store::entity)
				.filterWhen(e -> store.mayRead(tenant, e.id())
						.flatMap(ok -> ok ? store.isActive(e.id(), remote) : Mono.just(false))
						.flatMap(ok -> Mono.just(ok && inRegion(e, region)))
						.flatMap(ok -> Mono.just(ok && (admin || !e.restricted()))))
				.flatMap(e -> store.priceCents(e.id()).map(price -> EntityView.of(e, price)))
				.collectList();
	}

	/** The same listing with the eager operators. */
	Mono<List<EntityView>> eager(int n, boolean remote, String tenant, String region, boolean admin) {
		return Flux.range(0, n)
				.transform(EagerFlux.flatMap(store::entity))
				.transform(EagerFlux.filterWhen(e -> Eager.of(store.mayRead(tenant, e.id()))
						.flatMap(ok -> ok ? store.isActive(e.id(), remote) : Eager.just(false))
						.flatMap(ok -> Eager.just(ok && inRegion(e, region)))
						.flatMap(ok -> Eager.just(ok && (admin || !e.restricted())))
						.toMono()))
				.transform(EagerFlux.flatMap(e -> Eager.of(store.priceCents(e.id())).map(price -> EntityView.of(e, price)).toMono()))
				.collectList();
	}

	/**
	 * The floor of the listing: the list the listing answers on a warm cache with every check
	 * cached ({@code remote} plays no part), kept after the first request for the same
	 * {@code n} and request attributes and then answered with {@code Mono.just}. The same JSON,
	 * the same WebFlux path (filter, dispatch, Jackson, observation), no operator: what a listing
	 * request costs the server with a handler that costs nothing.
	 */
	Mono<List<EntityView>> floor(int n, String tenant, String region, boolean admin) {
		FloorKey key = new FloorKey(n, tenant, region, admin);
		List<EntityView> kept = floors.get(key);
		if (kept != null) {
			return Mono.just(kept);
		}
		return stock(n, false, tenant, region, admin).doOnNext(views -> {
			if (floors.size() < FLOOR_ANSWERS) {
				floors.putIfAbsent(key, List.copyOf(views));
			}
		});
	}

	/** What a {@link #floor} answer depends on. */
	private record FloorKey(int n, String tenant, String region, boolean admin) {
	}

	static boolean inRegion(Entity e, String region) {
		return "global".equals(e.region()) || e.region().equals(region);
	}
}
