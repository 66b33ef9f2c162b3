package io.reactoreager.examples.netty;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.reactoreager.netty.BoundEagerHttpServer;
import io.reactoreager.netty.EagerHttpRequest;
import io.reactoreager.netty.EagerHttpResponse;
import io.reactoreager.netty.EagerHttpServer;
import io.reactoreager.netty.EagerRoutes;
import reactor.core.publisher.Mono;

/**
 * The backend the catalogue service calls: a second Netty server in the same process, on a
 * loopback port. Every call to it is genuine I/O for the service (a pooled connection, a request
 * written, a response read on the event loop).
 *
 * <p>Routes: {@code GET /backend/products/{id}} (JSON, 404 for an unknown id),
 * {@code /backend/stock/{id}}, {@code /backend/price/{id}}, {@code /backend/reviews/{id}}. One
 * id, {@value #FLAKY_ID}, shows fail-fast: its reviews fail at once (500) while its stock answer
 * takes {@link #SLOW_CALL} and counts in {@link #cancelledSlowCalls()} when it is abandoned.
 */
public final class BackendServer implements AutoCloseable {

	/** The id whose reviews fail at once and whose stock call is slow. */
	public static final String FLAKY_ID = "flaky";

	/** How long the slow stock call of {@value #FLAKY_ID} takes. */
	public static final Duration SLOW_CALL = Duration.ofSeconds(30);

	/** The products the backend knows: p1..p{@value #PRODUCTS}. */
	public static final int PRODUCTS = 50;

	private static final String JSON = "application/json";

	private final Map<String, Product> products = new ConcurrentHashMap<>();
	private final AtomicLong productCalls = new AtomicLong();
	private final AtomicLong startedSlowCalls = new AtomicLong();
	private final AtomicLong slowCallsInFlight = new AtomicLong();
	private final AtomicLong cancelledSlowCalls = new AtomicLong();
	private final BoundEagerHttpServer server;

	private BackendServer(String host, int port) {
		String[] names = {"Espresso cup", "Milk jug", "Tamper", "Grinder", "Scale", "Kettle", "Filter papers", "Dripper"};
		for (int i = 1; i <= PRODUCTS; i++) {
			String name = names[(i - 1) % names.length] + (i > names.length ? " #" + i : "");
			products.put("p" + i, new Product("p" + i, name, 500L + 100L * i));
		}
		this.server = EagerHttpServer.create()
				.host(host)
				.port(port)
				.ioThreads(1)
				.handler(EagerRoutes.route()
						.GET("/backend/products/{id}", this::product)
						.GET("/backend/stock/{id}", this::stock)
						.GET("/backend/price/{id}", this::price)
						.GET("/backend/reviews/{id}", this::reviews)
						.build())
				.bindNow();
	}

	/**
	 * Starts the backend on a loopback port.
	 *
	 * @param port the port, 0 for an ephemeral one
	 * @return the running backend
	 */
	public static BackendServer start(int port) {
		return new BackendServer("127.0.0.1", port);
	}

	/** @return {@code http://127.0.0.1:port} */
	public String baseUrl() {
		return "http://127.0.0.1:" + server.port();
	}

	/** @return product lookups the backend has answered */
	public long productCalls() {
		return productCalls.get();
	}

	/** @return slow calls the backend received */
	public long startedSlowCalls() {
		return startedSlowCalls.get();
	}

	/** @return slow calls received and not yet finished or cancelled */
	public long slowCallsInFlight() {
		return slowCallsInFlight.get();
	}

	/** @return slow calls abandoned by the caller before they finished */
	public long cancelledSlowCalls() {
		return cancelledSlowCalls.get();
	}

	private Mono<EagerHttpResponse> product(EagerHttpRequest request) {
		productCalls.incrementAndGet();
		Product p = products.get(request.pathVariable("id"));
		return Mono.just(p == null ? EagerHttpResponse.notFound() : json(p.toJson()));
	}

	private Mono<EagerHttpResponse> stock(EagerHttpRequest request) {
		String id = request.pathVariable("id");
		EagerHttpResponse answer = json("{\"id\":\"" + Json.escape(id) + "\",\"stock\":" + Math.floorMod(id.hashCode(), 40) + "}");
		if (FLAKY_ID.equals(id)) {
			// a slow dependency: lazy, cancelled when the caller abandons the exchange
			return Mono.delay(SLOW_CALL).map(tick -> answer)
					.doOnSubscribe(s -> {
						startedSlowCalls.incrementAndGet();
						slowCallsInFlight.incrementAndGet();
					})
					.doOnCancel(cancelledSlowCalls::incrementAndGet)
					.doFinally(signal -> slowCallsInFlight.decrementAndGet());
		}
		return Mono.just(answer);
	}

	private Mono<EagerHttpResponse> price(EagerHttpRequest request) {
		String id = request.pathVariable("id");
		Product p = products.get(id);
		long cents = p == null ? 0 : p.priceCents();
		return Mono.just(json("{\"id\":\"" + Json.escape(id) + "\",\"priceCents\":" + cents + "}"));
	}

	private Mono<EagerHttpResponse> reviews(EagerHttpRequest request) {
		String id = request.pathVariable("id");
		if (FLAKY_ID.equals(id)) {
			return Mono.just(EagerHttpResponse.status(500).body("reviews store unavailable"));
		}
		return Mono.just(json("{\"id\":\"" + Json.escape(id) + "\",\"rating\":" + (3 + Math.floorMod(id.hashCode(), 3)) + "}"));
	}

	private static EagerHttpResponse json(String body) {
		return EagerHttpResponse.ok().contentType(JSON).body(body);
	}

	@Override
	public void close() {
		server.shutdownGracefully(Duration.ZERO).block(Duration.ofSeconds(10));
	}

	/** For tests: the bound server. */
	BoundEagerHttpServer server() {
		return Objects.requireNonNull(server);
	}
}
