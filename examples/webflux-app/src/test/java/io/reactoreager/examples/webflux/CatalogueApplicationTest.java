package io.reactoreager.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.reactoreager.EagerOperator;
import io.reactoreager.EagerStats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The catalogue app on a real server (random port), through {@code WebTestClient}: hits run the
 * eager steps inline, misses stay lazy, and a lazy step inside an eager {@code flatMap} still sees
 * the {@code Context} a {@code WebFilter} wrote.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S") // generous: a loaded CI machine must not fail a request that is merely slow
class CatalogueApplicationTest {

	@Autowired
	WebTestClient client;

	@Autowired
	ProductCatalogue catalogue;

	@BeforeEach
	void emptyCache() {
		catalogue.evictAll();
	}

	@Test
	void missGoesToTheStoreLazilyAndFillsTheCache() {
		EagerStats.Snapshot before = EagerStats.snapshot();
		long misses = catalogue.misses();

		Product p = getProduct("/products/p1");

		assertThat(p).isEqualTo(new Product("p1", "Espresso cup", 1_250));
		assertThat(catalogue.misses()).isEqualTo(misses + 1);
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);
		// the store call is a lazy Mono: the eager steps after it were fused into one subscription
		assertThat(delta.count(EagerOperator.DO_ON_NEXT, EagerStats.Kind.LAZY_SUBSCRIPTION)).isEqualTo(1);
	}

	@Test
	void hitRunsTheEagerStepsInlineWithoutAnySubscription() {
		getProduct("/products/p2");
		long hits = catalogue.hits();
		EagerStats.Snapshot before = EagerStats.snapshot();

		Product p = getProduct("/products/p2");

		assertThat(p.name()).isEqualTo("Milk jug");
		assertThat(catalogue.hits()).isEqualTo(hits + 1);
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);
		assertThat(delta.count(EagerOperator.SWITCH_IF_EMPTY, EagerStats.Kind.INLINE)).isEqualTo(1);
		assertThat(delta.total(EagerStats.Kind.LAZY_SUBSCRIPTION)).isZero();
		assertThat(delta.total(EagerStats.Kind.SUSPENDED)).isZero();
	}

	@Test
	void unknownIdIs404OnTheAnnotatedAndTheFunctionalEndpoint() {
		client.get().uri("/products/nope").exchange().expectStatus().isNotFound();
		client.get().uri("/fn/products/nope").exchange().expectStatus().isNotFound();
	}

	@Test
	void functionalRouteAnswersOnMissAndOnHit() {
		for (int i = 0; i < 2; i++) {
			client.get().uri("/fn/products/p3").exchange()
					.expectStatus().isOk()
					.expectBody(Product.class).isEqualTo(new Product("p3", "Tamper", 3_900));
		}
		assertThat(catalogue.hits()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void gatherKeepsTheOrderAskedForAndLeavesUnknownIdsOut() {
		getProduct("/products/p1"); // one resolved child, the others lazy
		List<Product> products = client.get().uri("/products?ids=p4,p9,p1,p2").exchange()
				.expectStatus().isOk()
				.expectBody(new ParameterizedTypeReference<List<Product>>() { })
				.returnResult().getResponseBody();

		assertThat(products).extracting(Product::id).containsExactly("p4", "p1", "p2");
	}

	@Test
	void streamEmitsTheFoundProductsThroughEagerFluxFlatMapHitsInlineMissesSubscribed() {
		getProduct("/products/p1"); // p1 cached (resolved), p3 and nope go to the store (lazy)
		EagerStats.Snapshot before = EagerStats.snapshot();

		List<Product> products = streamProducts("/products/stream?ids=p3,nope,p1");
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);

		assertThat(products).extracting(Product::id).containsExactlyInAnyOrder("p3", "p1");
		assertThat(delta.count(EagerOperator.FLUX_FLAT_MAP, EagerStats.Kind.INLINE)).isEqualTo(1);
		assertThat(delta.count(EagerOperator.FLUX_FLAT_MAP, EagerStats.Kind.LAZY_SUBSCRIPTION)).isEqualTo(2);
	}

	@Test
	void streamOfCachedIdsIsEmittedInlineInTheOrderAskedFor() {
		streamProducts("/products/stream?ids=p2,p5");
		long misses = catalogue.misses();
		EagerStats.Snapshot before = EagerStats.snapshot();

		List<Product> products = streamProducts("/products/stream?ids=p5,p2");
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);

		// every inner is resolved: no inner subscriber, and resolved values leave in the order they
		// were mapped, so with only hits the source order is kept
		assertThat(products).extracting(Product::id).containsExactly("p5", "p2");
		assertThat(catalogue.misses()).isEqualTo(misses);
		assertThat(delta.count(EagerOperator.FLUX_FLAT_MAP, EagerStats.Kind.INLINE)).isEqualTo(2);
		assertThat(delta.count(EagerOperator.FLUX_FLAT_MAP, EagerStats.Kind.LAZY_SUBSCRIPTION)).isZero();
	}

	@Test
	void lazyStepInsideAnEagerFlatMapSeesTheFilterContextOnMissAndOnHit() {
		// miss: the whole chain is lazy
		assertThat(quote("p4", "alice")).isEqualTo(new Quote(new Product("p4", "Grinder", 24_900), "alice", 24_900));

		// hit: the eager flatMap runs inline, before WebFlux subscribes; the lazy user lookup it
		// returns is subscribed by WebFlux with the request's Context, so each user sees their own
		EagerStats.Snapshot before = EagerStats.snapshot();
		assertThat(quote("p4", "vip-bob")).isEqualTo(new Quote(new Product("p4", "Grinder", 24_900), "vip-bob", 22_410));
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);
		assertThat(delta.count(EagerOperator.FLAT_MAP, EagerStats.Kind.INLINE)).isEqualTo(1);

		assertThat(quote("p4", "carol").user()).isEqualTo("carol");
		assertThat(quote("p4", null).user()).isEqualTo("anonymous");
	}

	@Test
	void unknownIdQuoteIs404() {
		client.get().uri("/products/nope/quote").header(UserContextFilter.USER_HEADER, "alice").exchange()
				.expectStatus().isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void actuatorPrometheusEndpointShowsTheEagerMeters() {
		getProduct("/products/p5");
		getProduct("/products/p5"); // a hit: switchIfEmpty inline
		String body = client.get().uri("/actuator/prometheus").exchange()
				.expectStatus().isOk()
				.expectBody(String.class).returnResult().getResponseBody();

		assertThat(body).contains("http_server_requests_seconds_count")
				.containsPattern("reactor_eager_steps_total\\{[^}]*operator=\"switchIfEmpty\",outcome=\"inline\"} [1-9]")
				.containsPattern("reactor_eager_steps_total\\{[^}]*outcome=\"lazy\"}")
				.containsPattern("reactor_eager_steps_total\\{[^}]*outcome=\"suspended\"}")
				.containsPattern("reactor_eager_steps_total\\{[^}]*outcome=\"yielded\"}")
				.containsPattern("reactor_eager_steps_total\\{[^}]*outcome=\"deferred\"}")
				.containsPattern("reactor_eager_enabled(\\{[^}]*})? 1");
	}

	private List<Product> streamProducts(String uri) {
		return client.get().uri(uri).accept(MediaType.APPLICATION_NDJSON).exchange()
				.expectStatus().isOk()
				.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
				.returnResult(Product.class).getResponseBody()
				.collectList().block(Duration.ofSeconds(30));
	}

	private Product getProduct(String uri) {
		return client.get().uri(uri).exchange()
				.expectStatus().isOk()
				.expectBody(Product.class).returnResult().getResponseBody();
	}

	private Quote quote(String id, String user) {
		WebTestClient.RequestHeadersSpec<?> spec = client.get().uri("/products/{id}/quote", id);
		if (user != null) {
			spec = spec.header(UserContextFilter.USER_HEADER, user);
		}
		return spec.exchange().expectStatus().isOk().expectBody(Quote.class).returnResult().getResponseBody();
	}
}
