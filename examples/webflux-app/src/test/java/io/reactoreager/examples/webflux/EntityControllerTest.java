package io.reactoreager.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.reactoreager.EagerOperator;
import io.reactoreager.EagerStats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The listing written with stock operators and with eager ones answers the same, on a cold cache
 * (lazy loads) and on a warm one (resolved hits); on a warm cache the eager listing runs every step
 * inline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
class EntityControllerTest {

	static final ParameterizedTypeReference<List<EntityView>> VIEWS = new ParameterizedTypeReference<>() {
	};

	@Autowired
	WebTestClient client;

	@Autowired
	EntityStore store;

	@BeforeEach
	void coldCache() {
		store.evictAll();
	}

	List<EntityView> get(String uri, String region, String role) {
		return client.get().uri(uri).header("X-Region", region).header("X-Role", role).exchange()
				.expectStatus().isOk()
				.expectBody(VIEWS).returnResult().getResponseBody();
	}

	@ParameterizedTest
	@CsvSource({"20, false", "100, false", "20, true", "100, true"})
	void stockAndEagerListingsGiveTheSameBodyOnAColdAndAWarmCache(int n, boolean remote) {
		String query = "?n=" + n + "&remote=" + remote;
		for (String role : List.of("user", "admin")) {
			List<EntityView> eagerCold = get("/entities/eager" + query, "eu", role);
			List<EntityView> stockWarm = get("/entities/stock" + query, "eu", role);
			List<EntityView> eagerWarm = get("/entities/eager" + query, "eu", role);
			store.evictAll();
			List<EntityView> stockCold = get("/entities/stock" + query, "eu", role);

			assertThat(eagerCold).isNotEmpty().hasSizeLessThan(n).isEqualTo(stockWarm).isEqualTo(eagerWarm).isEqualTo(stockCold);
		}
	}

	@ParameterizedTest
	@CsvSource({"20, eu, user", "100, eu, user", "100, us, admin"})
	void theFloorAnswersTheListingsListFromItsKeptCopy(int n, String region, String role) {
		List<EntityView> listing = get("/entities/stock?n=" + n, region, role);
		List<EntityView> first = get("/entities/floor?n=" + n, region, role);
		List<EntityView> kept = get("/entities/floor?n=" + n, region, role);

		assertThat(first).isNotEmpty().isEqualTo(listing).isEqualTo(kept);
	}

	@Test
	void theChecksDecideWhichEntitiesAreKept() {
		List<EntityView> user = get("/entities/eager?n=20", "eu", "user");
		List<EntityView> admin = get("/entities/eager?n=20", "us", "admin");

		// 0, 7, 14: not readable; 11: inactive; 5, 10, 15: sold in "us" only; 13: restricted
		assertThat(user).extracting(EntityView::id).containsExactly(1, 2, 3, 4, 6, 8, 9, 12, 16, 17, 18, 19);
		assertThat(admin).extracting(EntityView::id).containsExactly(1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 13, 15, 16, 17, 18, 19);
		assertThat(user.get(0)).isEqualTo(new EntityView(1, "entity-1", 107));
	}

	/** What a request on a warm cache answered, and what the eager operators counted meanwhile. */
	record Counted(List<EntityView> kept, EagerStats.Snapshot delta) {
	}

	Counted onAWarmCache(String uri) {
		get(uri, "eu", "user");
		EagerStats.Snapshot before = EagerStats.snapshot();
		List<EntityView> kept = get(uri, "eu", "user");
		return new Counted(kept, EagerStats.snapshot().minus(before));
	}

	@Test
	void onAWarmCacheTheEagerListingRunsEveryStepInline() {
		Counted counted = onAWarmCache("/entities/eager?n=100");
		List<EntityView> kept = counted.kept();
		EagerStats.Snapshot delta = counted.delta();
		assertThat(delta.count(EagerOperator.FLUX_FILTER_WHEN, EagerStats.Kind.INLINE)).isEqualTo(100);
		assertThat(delta.count(EagerOperator.FLUX_FLAT_MAP, EagerStats.Kind.INLINE)).isEqualTo(100 + kept.size());
		assertThat(delta.total(EagerStats.Kind.LAZY_SUBSCRIPTION)).isZero();
		assertThat(delta.total(EagerStats.Kind.SUSPENDED)).isZero();
	}

	@Test
	void remoteStatusChecksAreStartedAtOnceNotSubscribedLazily() {
		Counted counted = onAWarmCache("/entities/eager?n=100&remote=true");
		List<EntityView> kept = counted.kept();
		EagerStats.Snapshot delta = counted.delta();
		// 19, 39, 59, 79, 99: readable, so their remote status call is made (39 is restricted, 99
		// inactive: dropped after their call). Each call is started when filterWhen applies the
		// predicate: pending (a continuation) unless it has already answered by then (inline).
		assertThat(kept).extracting(EntityView::id).contains(19, 59, 79).doesNotContain(39, 99);
		long suspended = delta.count(EagerOperator.FLUX_FILTER_WHEN, EagerStats.Kind.SUSPENDED);
		assertThat(suspended).isBetween(0L, 5L);
		assertThat(delta.count(EagerOperator.FLUX_FILTER_WHEN, EagerStats.Kind.INLINE)).isEqualTo(100 - suspended);
		assertThat(delta.total(EagerStats.Kind.LAZY_SUBSCRIPTION)).isZero();
	}

	@Test
	void nOutOfRangeIsABadRequest() {
		client.get().uri("/entities/eager?n=0").exchange().expectStatus().isBadRequest();
		client.get().uri("/entities/stock?n=1001").exchange().expectStatus().isBadRequest();
	}
}
