package io.reactoreager.examples.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
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
		EagerStats.Snapshot before = EagerStats.snapshot();
		HttpResponse<String> miss = get(app.baseUrl() + "/products/p11");
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);

		assertThat(miss.statusCode()).isEqualTo(200);
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
	void gatherAnswersInTheOrderAskedForWithUnknownIdsLeftOut() throws Exception {
		get(app.baseUrl() + "/products/p2"); // one cached (resolved), the others backend calls (pending)

		HttpResponse<String> r = get(app.baseUrl() + "/products?ids=p5,nope,p2,p9");

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).isEqualTo("[" + new Product("p5", "Scale", 1000).toJson() + ","
				+ new Product("p2", "Milk jug", 700).toJson() + ","
				+ new Product("p9", "Espresso cup #9", 1400).toJson() + "]");
	}

	@Test
	void detailsJoinsThreeBackendCalls() throws Exception {
		HttpResponse<String> r = get(app.baseUrl() + "/products/p7/details");

		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).startsWith("{\"id\":\"p7\",\"stock\":{\"id\":\"p7\",\"stock\":")
				.contains("\"price\":{\"id\":\"p7\",\"priceCents\":1200}")
				.contains("\"reviews\":{\"id\":\"p7\",\"rating\":");
	}

	@Test
	void detailsFailsFastAndCancelsTheSlowSibling() throws Exception {
		BackendServer backend = app.embeddedBackend();
		long started = backend.startedSlowCalls();
		long cancelled = backend.cancelledSlowCalls();

		// the slow stock call takes 30 s; the request's own timeout is 10 s, so only a fail-fast
		// answer arrives in time
		HttpResponse<String> r = get(app.baseUrl() + "/products/" + BackendServer.FLAKY_ID + "/details");

		assertThat(r.statusCode()).isEqualTo(502);
		assertThat(r.body()).startsWith("{\"error\":\"backend unavailable: GET ")
				.contains("/backend/reviews/flaky: status 500");
		// the abandoned stock call is gone: either its request had not left the pool yet (the
		// backend never got it), or its connection was closed, which cancelled it at the backend
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(backend.slowCallsInFlight()).isZero();
			assertThat(backend.cancelledSlowCalls() - cancelled).isEqualTo(backend.startedSlowCalls() - started);
		});
	}

	@Test
	void backendDownIs502WithTheReason() throws Exception {
		int closedPort;
		try (ServerSocket s = new ServerSocket(0)) {
			closedPort = s.getLocalPort();
		}
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
				.containsPattern("reactor_eager_inline_total\\{app=\"catalogue\",operator=\"map\"} [1-9]")
				.contains("reactor_eager_suspended_total{")
				.contains("reactor_eager_budget_yields_total{")
				.contains("reactor_eager_enabled{app=\"catalogue\"} 1");
	}

	@Test
	void metricsEndpointIsOnLoopbackByDefault() {
		assertThat(DemoOptions.defaults().metricsHost()).isEqualTo("127.0.0.1");
		assertThat(URI.create(app.metricsUrl()).getHost()).isEqualTo("127.0.0.1");
	}

	static HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
