package io.reactoreager.examples.gettingstarted;

import java.time.Duration;

import io.reactoreager.Eager;
import reactor.core.publisher.Mono;

/** Three backend calls in one task group: all start at once, the first failure cancels the others. */
public final class TaskGroupDetails {

	/** Stock, price and reviews of one product. */
	public record Details(int stock, long priceCents, String reviews) {
	}

	/** A stand-in for the remote calls: lazy, each answers after a delay; reviews of "p13" fail. */
	static final class Backend {

		Mono<Integer> stock(String id) {
			return Mono.delay(Duration.ofMillis(30)).map(t -> 7);
		}

		Mono<Long> price(String id) {
			return Mono.delay(Duration.ofMillis(20)).map(t -> 1999L);
		}

		Mono<String> reviews(String id) {
			return Mono.delay(Duration.ofMillis(10))
					.flatMap(t -> id.equals("p13") ? Mono.error(new IllegalStateException("reviews unavailable"))
							: Mono.just("4.5 stars"));
		}
	}

	private TaskGroupDetails() {
	}

	static Mono<Details> details(Backend backend, String id) {
		// tag::group[]
		Mono<Details> details = Eager.group(tg -> {
			Mono<Integer> stock = tg.fork(backend.stock(id));       // all three run at once
			Mono<Long> price = tg.fork(backend.price(id));
			Mono<String> reviews = tg.fork(backend.reviews(id));    // if it fails: stock and price are cancelled
			return Eager.zip(stock, price, reviews)
					.transform(Eager.map(t -> new Details(t.getT1(), t.getT2(), t.getT3())));
		});
		// end::group[]
		return details;
	}

	public static void main(String[] args) {
		Backend backend = new Backend();
		System.out.println(details(backend, "p1").block());
		System.out.println(details(backend, "p13").onErrorResume(e -> Mono.empty()).blockOptional()
				.map(Details::toString).orElse("p13: no details (reviews unavailable; stock and price were cancelled)"));
	}
}
