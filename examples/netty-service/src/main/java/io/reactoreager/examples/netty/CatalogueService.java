package io.reactoreager.examples.netty;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.reactoreager.Eager;
import io.reactoreager.EagerFlux;
import io.reactoreager.netty.EagerHttpClient;
import io.reactoreager.netty.EagerHttpClientResponse;
import io.reactoreager.netty.EagerHttpRequest;
import io.reactoreager.netty.EagerHttpResponse;
import io.reactoreager.netty.EagerRoutes;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The product-catalogue service's handlers, on the Netty adapter.
 *
 * <ul>
 *   <li>{@code GET /products/{id}}: from the in-memory cache when it can — a <em>resolved</em>
 *   {@code Mono.just}, so every eager step runs inline inside the server's {@code channelRead}
 *   and the response is written there, with no subscription; otherwise a backend call over
 *   {@link EagerHttpClient} — a <em>pending</em> Mono (genuine I/O) that fills the cache;
 *   unknown id → 404; backend failing → 502 with the reason.</li>
 *   <li>{@code GET /products?ids=p1,p2}: the ids as a {@code Flux}, each looked up through
 *   {@link EagerFlux#flatMapSequential}: all lookups run at once, the products come out in the
 *   order asked for, unknown ids (empty lookups) are left out; a cached id is read on the spot
 *   (no inner subscriber), a backend call gets one continuation.</li>
 *   <li>{@code GET /products/{id}/details}: a task group ({@link Eager#group}) forks the stock,
 *   price and reviews calls to the backend; the first failure cancels the sibling calls still in
 *   flight, the group waits until they have terminated, and the answer is a 502 naming the call
 *   that failed (fail fast).</li>
 * </ul>
 */
public final class CatalogueService {

	/** Ids accepted: letters, digits, {@code -} and {@code _}, at most 64. */
	static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	/** Most ids one {@code /products?ids=} request may ask for. */
	static final int MAX_IDS = 100;

	private static final String JSON = "application/json";

	private final EagerHttpClient client;
	private final String backend;
	private final Map<String, Product> cache = new ConcurrentHashMap<>();
	private final Counter hits;
	private final Counter misses;

	/**
	 * @param client the client for backend calls, not null
	 * @param backendUrl the backend's base URL, e.g. {@code http://127.0.0.1:9000}, not null
	 * @param registry where the cache's {@code catalogue.lookups{result=hit|miss}} counters go, not null
	 */
	public CatalogueService(EagerHttpClient client, String backendUrl, MeterRegistry registry) {
		this.client = Objects.requireNonNull(client, "client");
		this.backend = stripSlash(Objects.requireNonNull(backendUrl, "backendUrl"));
		Objects.requireNonNull(registry, "registry");
		this.hits = Counter.builder("catalogue.lookups").tag("result", "hit").description("product lookups answered from the cache").register(registry);
		this.misses = Counter.builder("catalogue.lookups").tag("result", "miss").description("product lookups sent to the backend").register(registry);
	}

	/** @return the routes, for {@code EagerHttpServer#handler} */
	public Function<EagerHttpRequest, Mono<EagerHttpResponse>> routes() {
		return EagerRoutes.route()
				.GET("/products/{id}", this::product)
				.GET("/products/{id}/details", this::details)
				.GET("/products", this::products)
				.build();
	}

	/** Empties the cache, so the next lookups go to the backend again. */
	public void clearCache() {
		cache.clear();
	}

	/** @return lookups answered from the cache */
	public long cacheHits() {
		return (long) hits.count();
	}

	/** @return lookups sent to the backend */
	public long cacheMisses() {
		return (long) misses.count();
	}

	/**
	 * One product: resolved on a cache hit, pending (a backend call) on a miss, empty for an id the
	 * backend does not know, a {@link BackendException} when the backend fails.
	 *
	 * @param id a valid id, not null
	 * @return the product
	 */
	public Mono<Product> find(String id) {
		Product cached = cache.get(id);
		if (cached != null) {
			hits.increment();
			return Mono.just(cached);
		}
		misses.increment();
		String url = backend + "/backend/products/" + id;
		return client.get(url)
				.transform(Eager.onErrorMap(e -> e instanceof BackendException ? e : new BackendException("GET " + url, e)))
				.transform(Eager.<EagerHttpClientResponse, Product>handle((response, sink) -> {
					if (response.statusCode() == 404) {
						sink.complete();
						return;
					}
					if (response.statusCode() != 200) {
						sink.error(new BackendException("GET " + url, "status " + response.statusCode()));
						return;
					}
					Optional<Product> p = Product.fromJson(response.bodyAsString());
					if (p.isEmpty()) {
						sink.error(new BackendException("GET " + url, "unreadable body"));
						return;
					}
					cache.put(id, p.get());
					sink.next(p.get());
				}));
	}

	Mono<EagerHttpResponse> product(EagerHttpRequest request) {
		String id = request.pathVariable("id");
		if (!ID.matcher(id).matches()) {
			return Mono.just(badRequest("bad product id"));
		}
		return find(id)
				.transform(Eager.map(p -> json(200, p.toJson())))
				.transform(Eager.defaultIfEmpty(json(404, Json.error("no product " + id))))
				.transform(Eager.onErrorResume(CatalogueService::badGateway));
	}

	Mono<EagerHttpResponse> products(EagerHttpRequest request) {
		Optional<String> param = request.queryParam("ids");
		if (param.isEmpty() || param.get().isBlank()) {
			return Mono.just(badRequest("give ids: /products?ids=p1,p2"));
		}
		String[] ids = param.get().split(",");
		if (ids.length > MAX_IDS) {
			return Mono.just(badRequest("at most " + MAX_IDS + " ids"));
		}
		for (String id : ids) {
			if (!ID.matcher(id).matches()) {
				return Mono.just(badRequest("bad product id"));
			}
		}
		// flatMapSequential: every lookup starts at once (ids.length <= MAX_IDS < its concurrency),
		// values come out in source order, an empty lookup (unknown id) emits nothing
		return Flux.fromArray(ids)
				.transform(EagerFlux.flatMapSequential(this::find))
				.collectList()
				.transform(Eager.map(list -> {
					StringBuilder b = new StringBuilder("[");
					for (Product p : list) {
						b.append(b.length() > 1 ? "," : "").append(p.toJson());
					}
					return json(200, b.append(']').toString());
				}))
				.transform(Eager.onErrorResume(CatalogueService::badGateway));
	}

	/**
	 * Stock, price and reviews in one task group: each {@code fork} starts its backend call at once
	 * (a pending Mono the group owns). The first failure closes the group and cancels the calls still
	 * in flight — their connections are closed, so the backend sees its handlers cancelled — and the
	 * group fails with that first error only after every call has terminated; later failures are
	 * attached to it as suppressed. Nothing the request started outlives its response.
	 */
	Mono<EagerHttpResponse> details(EagerHttpRequest request) {
		String id = request.pathVariable("id");
		if (!ID.matcher(id).matches()) {
			return Mono.just(badRequest("bad product id"));
		}
		return Eager.group(tg -> {
			Mono<String> stock = tg.fork(call("/backend/stock/" + id));
			Mono<String> price = tg.fork(call("/backend/price/" + id));
			Mono<String> reviews = tg.fork(call("/backend/reviews/" + id));
			return Eager.zip(stock, price, reviews)
					.transform(Eager.map(t -> json(200, "{\"id\":\"" + id + "\",\"stock\":" + t.getT1()
							+ ",\"price\":" + t.getT2() + ",\"reviews\":" + t.getT3() + "}")));
		}).transform(Eager.onErrorResume(CatalogueService::badGateway));
	}

	/** A backend GET whose body is returned on 200; anything else is a {@link BackendException}. */
	private Mono<String> call(String path) {
		String url = backend + path;
		return client.get(url)
				.transform(Eager.onErrorMap(e -> new BackendException("GET " + url, e)))
				.transform(Eager.<EagerHttpClientResponse, String>handle((response, sink) -> {
					if (response.statusCode() == 200) {
						sink.next(response.bodyAsString());
					}
					else {
						sink.error(new BackendException("GET " + url, "status " + response.statusCode()));
					}
				}));
	}

	private static Mono<EagerHttpResponse> badGateway(Throwable e) {
		if (e instanceof BackendException) {
			return Mono.just(json(502, Json.error("backend unavailable: " + e.getMessage())));
		}
		return Mono.error(e);
	}

	private static EagerHttpResponse badRequest(String message) {
		return json(400, Json.error(message));
	}

	private static EagerHttpResponse json(int status, String body) {
		return EagerHttpResponse.status(status).contentType(JSON).body(body);
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}
}
