package io.reactoreager.examples.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.reactoreager.EagerOperator;
import io.reactoreager.EagerStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalogue service end to end on loopback: the service, its embedded backend (a second Netty
 * server) and the Prometheus endpoint, driven by the JDK's HTTP client.
 */
class CatalogueServiceTest {

	/**
	 * The JDK client's per-request timeout: generous (a loaded machine must not fail a request
	 * that is merely slow) but shorter than the backend's {@link BackendServer#SLOW_CALL}, so the
	 * fail-fast test still fails if the slow call is waited for.
	 */
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

	static CatalogueApp app;
	static HttpClient http;

	@BeforeAll
	static void start() {
		app = CatalogueApp.start(new DemoOptions(Duration.ZERO, true, "127.0.0.1", 0, 0, "127.0.0.1", null, 1));
		http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void missGoesThroughTheBackendThenTheHitIsAnsweredInlineFromTheCache() throws Exception {
		long backendCalls = app.embeddedBackend().productCalls();

		HttpResponse<String> miss = get(app.baseUrl() + "/products/p3");

		assertThat(miss.statusCode()).isEqualTo(200);
		assertThat(miss.headers().firstValue("content-type")).hasValue("application/json");
		assertThat(Product.fromJson(miss.body())).hasValue(new Product("p3", "Tamper", 800));
		assertThat(app.embeddedBackend().productCalls()).isEqualTo(backendCalls + 1);

		long hits = app.service().cacheHits();
		EagerStats.Snapshot before = EagerStats.snapshot();
		HttpResponse<String> hit = get(app.baseUrl() + "/products/p3");
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);

		assertThat(hit.statusCode()).isEqualTo(200);
		assertThat(hit.body()).isEqualTo(miss.body());
		assertThat(app.embeddedBackend().productCalls()).isEqualTo(backendCalls + 1);
		assertThat(app.service().cacheHits()).isEqualTo(hits + 1);
		// the hit is resolved: map and defaultIfEmpty ran inline, nothing waited or was subscribed
		assertThat(delta.count(EagerOperator.MAP, EagerStats.Kind.INLINE)).isEqualTo(1);
		assertThat(delta.total(EagerStats.Kind.SUSPENDED)).isZero();
		assertThat(delta.total(EagerStats.Kind.LAZY_SUBSCRIPTION)).isZero();
	}

	@Test
	void missSuspendsOnTheBackendCall() throws Exception {
		// A miss suspends unless the backend's answer is already in when the handler attaches its
		// step (then the step runs inline, correctly): possible only if the handler's thread is
		// descheduled for a whole backend round trip, as on a loaded machine. So several misses on
		// uncached ids, of which at least one must suspend; each is a backend call.
		long backendCalls = app.embeddedBackend().productCalls();
		EagerStats.Snapshot before = EagerStats.snapshot();
		for (String id : new String[] {"p14", "p15", "p16", "p17", "p18"}) {
			HttpResponse<String> miss = get(app.baseUrl() + "/products/" + id);
			assertThat(miss.statusCode()).isEqualTo(200);
		}
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);

		assertThat(app.embeddedBackend().productCalls()).isEqualTo(backendCalls + 5);
		assertThat(delta.total(EagerStats.Kind.SUSPENDED)).isGreaterThanOrEqualTo(1);
	}

	@Test
	void unknownIdIs404WithAClearBody() throws Exception {
		HttpResponse<String> r = get(app.baseUrl() + "/products/nope");

		assertThat(r.statusCode()).isEqualTo(404);
		assertThat(r.body()).isEqualTo("{\"error\":\"no product nope\"}");
	}

	@Test
	void malformedIdIs400() throws Exception {
		assertThat(get(app.baseUrl() + "/products/a%22b").statusCode()).isEqualTo(400);
		assertThat(get(app.baseUrl() + "/products?ids=").statusCode()).isEqualTo(400);
	}

	@Test
	void multiIdLookupAnswersInTheOrderAskedForWithUnknownIdsLeftOut() throws Exception {
		get(app.baseUrl() + "/products/p2"); // one cached (resolved), the others backend calls (pending)
		EagerStats.Snapshot before = EagerStats.snapshot();

		HttpResponse<String> r = get(app.baseUrl() + "/products?ids=p5,nope,p2,p9");
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).isEqualTo("[" + new Product("p5", "Scale", 1000).toJson() + ","
				+ new Product("p2", "Milk jug", 700).toJson() + ","
				+ new Product("p9", "Espresso cup #9", 1400).toJson() + "]");
		// EagerFlux.flatMapSequential: the cached p2 is read inline (no inner subscriber), the three
		// backend calls (p5, nope, p9) wait with one continuation each (or are read inline in the
		// unlikely case their answer is already in when the operator looks); none is subscribed
		long inline = delta.count(EagerOperator.FLUX_FLAT_MAP_SEQUENTIAL, EagerStats.Kind.INLINE);
		assertThat(inline).isGreaterThanOrEqualTo(1);
		assertThat(inline + delta.count(EagerOperator.FLUX_FLAT_MAP_SEQUENTIAL, EagerStats.Kind.SUSPENDED)).isEqualTo(4);
		assertThat(delta.count(EagerOperator.FLUX_FLAT_MAP_SEQUENTIAL, EagerStats.Kind.LAZY_SUBSCRIPTION)).isZero();
	}

	@Test
	void multiIdLookupOfCachedIdsRunsInlineWithoutAnyBackendCall() throws Exception {
		get(app.baseUrl() + "/products?ids=p12,p13");
		long backendCalls = app.embeddedBackend().productCalls();
		EagerStats.Snapshot before = EagerStats.snapshot();

		HttpResponse<String> r = get(app.baseUrl() + "/products?ids=p13,p12");
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).startsWith("[{\"id\":\"p13\"").contains("},{\"id\":\"p12\"");
		assertThat(app.embeddedBackend().productCalls()).isEqualTo(backendCalls);
		assertThat(delta.count(EagerOperator.FLUX_FLAT_MAP_SEQUENTIAL, EagerStats.Kind.INLINE)).isEqualTo(2);
		assertThat(delta.count(EagerOperator.FLUX_FLAT_MAP_SEQUENTIAL, EagerStats.Kind.SUSPENDED)).isZero();
	}

	@Test
	void detailsForksThreeBackendCallsInOneTaskGroupAndJoinsThem() throws Exception {
		EagerStats.Snapshot before = EagerStats.snapshot();
		HttpResponse<String> r = get(app.baseUrl() + "/products/p7/details");
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);

		assertThat(r.statusCode()).isEqualTo(200);
		// one group run per request, three forks (backend calls, pending unless already answered)
		assertThat(delta.count(EagerOperator.GROUP, EagerStats.Kind.LAZY_SUBSCRIPTION)).isEqualTo(1);
		assertThat(delta.count(EagerOperator.FORK, EagerStats.Kind.SUSPENDED)
				+ delta.count(EagerOperator.FORK, EagerStats.Kind.INLINE)).isEqualTo(3);
		assertThat(r.body()).startsWith("{\"id\":\"p7\",\"stock\":{\"id\":\"p7\",\"stock\":")
				.contains("\"price\":{\"id\":\"p7\",\"priceCents\":1200}")
				.contains("\"reviews\":{\"id\":\"p7\",\"rating\":");
	}

	@Test
	void detailsGroupFailsFastOnTheFirstFailureAndCancelsTheSlowSibling() throws Exception {
		BackendServer backend = app.embeddedBackend();
		long started = backend.startedSlowCalls();
		long cancelled = backend.cancelledSlowCalls();
		EagerStats.Snapshot before = EagerStats.snapshot();

		// the slow stock call takes 30 s, longer than the request's own timeout, so only a fail-fast
		// answer arrives in time
		HttpResponse<String> r = get(app.baseUrl() + "/products/" + BackendServer.FLAKY_ID + "/details");
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);

		// the group's error is the first failure (the reviews call), not the cancellation it caused
		// in the stock call
		assertThat(r.statusCode()).isEqualTo(502);
		assertThat(r.body()).startsWith("{\"error\":\"backend unavailable: GET ")
				.contains("/backend/reviews/flaky: status 500")
				.doesNotContain("Cancel");
		assertThat(delta.count(EagerOperator.GROUP, EagerStats.Kind.LAZY_SUBSCRIPTION)).isEqualTo(1);
		assertThat(delta.count(EagerOperator.FORK, EagerStats.Kind.SUSPENDED)
				+ delta.count(EagerOperator.FORK, EagerStats.Kind.INLINE)).isEqualTo(3);
		// the abandoned stock call is gone: either its request had not left the pool yet (the
		// backend never got it), or its connection was closed, which cancelled it at the backend
		await().atMost(REQUEST_TIMEOUT).untilAsserted(() -> {
			assertThat(backend.slowCallsInFlight()).isZero();
			assertThat(backend.cancelledSlowCalls() - cancelled).isEqualTo(backend.startedSlowCalls() - started);
		});
	}

	@Test
	void backendDownIs502WithTheReason() throws Exception {
		// A port that refuses connections for the whole test: a socket bound to it but not listening
		// (and without SO_REUSEADDR) keeps any other process on this machine from listening there, so
		// the connect is refused at once. A port merely freed after use could be taken meanwhile by
		// another test's server, which might accept and never answer.
		try (Socket held = new Socket()) {
			held.setReuseAddress(false);
			held.bind(new InetSocketAddress("127.0.0.1", 0));
			backendDownAnswers502(held.getLocalPort());
		}
	}

	private static void backendDownAnswers502(int closedPort) throws Exception {
		try (CatalogueApp down = CatalogueApp.start(new DemoOptions(Duration.ZERO, true, "127.0.0.1", 0, 0,
				"127.0.0.1", "http://127.0.0.1:" + closedPort, 1))) {
			HttpResponse<String> r = get(down.baseUrl() + "/products/p1");
			HttpResponse<String> many = get(down.baseUrl() + "/products?ids=p1,p2");

			assertThat(r.statusCode()).isEqualTo(502);
			assertThat(r.body()).startsWith("{\"error\":\"backend unavailable: GET http://127.0.0.1:" + closedPort
					+ "/backend/products/p1: ").contains("Connect");
			assertThat(many.statusCode()).isEqualTo(502);
		}
	}

	@Test
	void metricsEndpointServesPrometheusText() throws Exception {
		get(app.baseUrl() + "/products/p1");
		get(app.baseUrl() + "/products/p1");

		HttpResponse<String> r = get(app.metricsUrl());

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
		assertThat(r.body()).contains("catalogue_lookups_total{result=\"hit\"}")
				.contains("catalogue_lookups_total{result=\"miss\"}")
				.containsPattern("reactor_eager_steps_total\\{app=\"catalogue\",operator=\"map\",outcome=\"inline\"} [1-9]")
				.contains("reactor_eager_steps_total{app=\"catalogue\",operator=\"map\",outcome=\"suspended\"}")
				.contains("reactor_eager_steps_total{app=\"catalogue\",operator=\"map\",outcome=\"yielded\"}")
				.contains("reactor_eager_enabled{app=\"catalogue\"} 1");
	}

	@Test
	void metricsEndpointIsOnLoopbackByDefault() {
		assertThat(DemoOptions.defaults().metricsHost()).isEqualTo("127.0.0.1");
		assertThat(URI.create(app.metricsUrl()).getHost()).isEqualTo("127.0.0.1");
	}

	static HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
