package io.reactoreager;

import java.util.function.Function;

import io.reactoreager.testing.Allocations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Allocation of the 5-step chain ({@code map, filter, flatMap} to a resolved value, {@code map,
 * defaultIfEmpty}) on a resolved input, eager against stock, both subscribed by the same
 * subscriber, measured with the per-thread allocated-bytes counter after warm-up.
 */
class EagerAllocationTest {

	static final Function<Mono<Integer>, Mono<Integer>> MAP_1 = Eager.map(x -> x + 1);
	static final Function<Mono<Integer>, Mono<Integer>> FILTER = Eager.filter(x -> x >= 0);
	static final Function<Mono<Integer>, Mono<Integer>> FLAT_MAP = Eager.flatMap(x -> Mono.just(x * 2));
	static final Function<Mono<Integer>, Mono<Integer>> MAP_2 = Eager.map(x -> x - 1);
	static final Function<Mono<Integer>, Mono<Integer>> DEFAULT = Eager.defaultIfEmpty(0);
	static final Function<Mono<Integer>, Mono<Integer>> DO_ON_SUCCESS = Eager.doOnSuccess(x -> { });

	static final int WARMUP = 300_000;
	static final int ITERATIONS = 200_000;

	final Sum sum = new Sum();

	@AfterEach
	void switchBackOn() {
		EagerPolicy.setEnabled(true);
	}

	/** Small values, so that boxing hits the Integer cache in both pipelines. */
	static Integer input(int i) {
		return i & 31;
	}

	Mono<Integer> eager(int i) {
		return Mono.just(input(i)).transform(MAP_1).transform(FILTER).transform(FLAT_MAP).transform(MAP_2).transform(DEFAULT);
	}

	static Mono<Integer> stock(int i) {
		return Mono.just(input(i)).map(x -> x + 1).filter(x -> x >= 0).flatMap(x -> Mono.just(x * 2)).map(x -> x - 1).defaultIfEmpty(0);
	}

	/**
	 * The bound: the eager chain, built and its value read, against the same chain built
	 * from stock operators and subscribed. On a resolved input the eager chain has already run
	 * when it is built; its value is read with {@code block()}, which for a resolved Mono returns
	 * the value without subscribing (stock {@code Mono.just(x).block()} does the same). The stock
	 * chain gets the cheapest consumer there is: one reusable subscriber.
	 */
	@Test
	void fiveStepChainOnResolvedInputAllocatesAtMostAQuarterOfStock() {
		double stock = Allocations.bytesPerCall(WARMUP, ITERATIONS, i -> stock(i).subscribe(sum));
		double eager = Allocations.bytesPerCall(WARMUP, ITERATIONS, i -> sum.onNext(eager(i).block()));
		System.out.printf("5-step chain bytes/op: eager %.1f, stock %.1f (ratio %.3f)%n", eager, stock, eager / stock);
		assertThat(sum.total).isPositive();
		assertThat(eager).as("eager %.1f B/op vs stock %.1f B/op", eager, stock).isLessThanOrEqualTo(stock / 4);
	}

	/**
	 * Both chains subscribed by the same subscriber: the eager side also pays for a subscription
	 * to its resolved result. Bound: a third of stock (measured: 88 B against 336-352 B).
	 */
	@Test
	void fiveStepChainSubscribedAllocatesAtMostAThirdOfStock() {
		double stock = Allocations.bytesPerCall(WARMUP, ITERATIONS, i -> stock(i).subscribe(sum));
		double eager = Allocations.bytesPerCall(WARMUP, ITERATIONS, i -> eager(i).subscribe(sum));
		System.out.printf("5-step chain, both subscribed, bytes/op: eager %.1f, stock %.1f (ratio %.3f)%n", eager, stock, eager / stock);
		assertThat(eager).as("eager %.1f B/op vs stock %.1f B/op", eager, stock).isLessThanOrEqualTo(stock / 3);
	}

	/**
	 * {@code doOnSuccess} on a resolved value returns its input: nothing is allocated for the
	 * step. Bound: a quarter of stock's {@code Mono.just(x).doOnSuccess(f)} subscribed.
	 */
	@Test
	void doOnSuccessOnResolvedInputAllocatesAtMostAQuarterOfStock() {
		double stock = Allocations.bytesPerCall(WARMUP, ITERATIONS, i -> Mono.just(input(i)).doOnSuccess(x -> { }).subscribe(sum));
		double eager = Allocations.bytesPerCall(WARMUP, ITERATIONS, i -> sum.onNext(Mono.just(input(i)).transform(DO_ON_SUCCESS).block()));
		System.out.printf("doOnSuccess bytes/op: eager %.1f, stock %.1f (ratio %.3f)%n", eager, stock, eager / stock);
		assertThat(eager).as("eager %.1f B/op vs stock %.1f B/op", eager, stock).isLessThanOrEqualTo(stock / 4);
	}

	@Test
	void fiveStepChainWithSwitchOffAllocatesLikeStock() {
		EagerPolicy.setEnabled(false);
		double stock = Allocations.bytesPerCall(WARMUP, ITERATIONS, i -> stock(i).subscribe(sum));
		double off = Allocations.bytesPerCall(WARMUP, ITERATIONS, i -> eager(i).subscribe(sum));
		System.out.printf("5-step chain bytes/op: switch off %.1f, stock %.1f (ratio %.3f)%n", off, stock, off / stock);
		// within 10% of stock: the switch-off path builds exactly the stock operators
		assertThat(off).as("switch off %.1f B/op vs stock %.1f B/op", off, stock).isBetween(stock * 0.9, stock * 1.1);
	}

	static final Function<Integer, Integer> INC = x -> x + 1;
	static final java.util.function.Predicate<Integer> NON_NEGATIVE = x -> x >= 0;

	/** Ten {@code map} and ten {@code filter} steps of the fluent form on a resolved value. */
	static Mono<Integer> fluent(int i) {
		EagerChain<Integer> c = Eager.of(Mono.just(input(i)));
		for (int s = 0; s < 10; s++) {
			c = c.map(INC).filter(NON_NEGATIVE);
		}
		return c.toMono();
	}

	/**
	 * The fluent form on a resolved value holds the value itself: a {@code map} step costs its
	 * next chain (16 bytes; the resolved Mono built for the assembly hooks is dropped by the JIT
	 * when no hook is installed), a {@code filter} that keeps the value costs nothing (the chain
	 * is unchanged). 20 steps measured 192 B/op; bound 12 B/step (240 B/op). A chain that kept a
	 * resolved Mono per step and made a new chain per filter measured 352 B/op.
	 */
	@Test
	void fluentChainOnResolvedValueAllocatesOnlyTheChainOfAMapStep() {
		double fluent = Allocations.bytesPerCall(WARMUP, ITERATIONS, i -> sum.onNext(fluent(i).block()));
		System.out.printf("fluent 20-step map/filter chain bytes/op: %.1f%n", fluent);
		assertThat(sum.total).isPositive();
		assertThat(fluent).as("fluent %.1f B/op for 20 steps", fluent).isLessThanOrEqualTo(20 * 12);
	}

	/** A subscriber that can be reused: requests one value, adds it up. */
	static final class Sum implements CoreSubscriber<Integer> {

		long total;

		@Override
		public void onSubscribe(Subscription s) {
			s.request(1);
		}

		@Override
		public void onNext(Integer v) {
			total += v;
		}

		@Override
		public void onError(Throwable t) {
			throw new AssertionError(t);
		}

		@Override
		public void onComplete() {
		}
	}
}
