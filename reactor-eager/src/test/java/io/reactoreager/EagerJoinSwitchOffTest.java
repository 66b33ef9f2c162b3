package io.reactoreager;

import java.util.List;
import java.util.function.IntFunction;

import io.reactoreager.testing.Allocations;
import io.reactoreager.testing.Drain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the switch off, {@code zip}, {@code when} and {@code gather} build their stock twin over
 * the caller's collection, with nothing in front of it (no copy of the children): subscribed by
 * the same reusable subscriber, they allocate what the stock operator written by hand does.
 */
class EagerJoinSwitchOffTest {

	static final int WARMUP = 200_000;
	static final int ITERATIONS = 100_000;

	static final List<Mono<Integer>> SIX = List.of(Mono.just(1), Mono.just(2), Mono.just(3), Mono.just(4), Mono.just(5), Mono.just(6));

	final Drain last = new Drain();

	@AfterEach
	void switchBackOn() {
		EagerPolicy.setEnabled(true);
	}

	static Object first(Object[] values) {
		return values[0];
	}

	/** Bytes per subscribed call of the switched-off eager join and of its stock twin; asserts within 10%. */
	void assertAllocatesLikeStock(String name, IntFunction<Publisher<?>> off, IntFunction<Publisher<?>> stock) {
		EagerPolicy.setEnabled(false);
		double s = Allocations.bytesPerCall(WARMUP, ITERATIONS, i -> stock.apply(i).subscribe(last));
		double o = Allocations.bytesPerCall(WARMUP, ITERATIONS, i -> off.apply(i).subscribe(last));
		System.out.printf("%s over 6 children, switch off %.1f B/op, stock %.1f B/op%n", name, o, s);
		assertThat(last.completions).isPositive();
		assertThat(o).as("%s switch off %.1f B/op vs stock %.1f B/op", name, o, s).isBetween(s * 0.9, s * 1.1);
	}

	@Test
	void zipWithTheSwitchOffAllocatesLikeStockZip() {
		assertAllocatesLikeStock("zip", i -> Eager.zip(SIX, EagerJoinSwitchOffTest::first), i -> Mono.zip(SIX, EagerJoinSwitchOffTest::first));
	}

	@Test
	void zipOfAnArrayWithTheSwitchOffAllocatesLikeStockZip() {
		Mono<?>[] six = SIX.toArray(new Mono<?>[0]);
		assertAllocatesLikeStock("zip of an array", i -> Eager.zip(EagerJoinSwitchOffTest::first, six), i -> Mono.zip(EagerJoinSwitchOffTest::first, six));
	}

	@Test
	void whenWithTheSwitchOffAllocatesLikeStockWhen() {
		assertAllocatesLikeStock("when", i -> Eager.when(SIX), i -> Mono.when(SIX));
	}

	@Test
	void gatherWithTheSwitchOffAllocatesLikeItsStockTwin() {
		assertAllocatesLikeStock("gather", i -> Eager.gather(SIX), i -> Flux.mergeSequential(SIX, SIX.size(), 1).collectList());
	}

	/**
	 * Why the twin sets its own concurrency and prefetch: with {@code mergeSequential}'s defaults
	 * every gather allocates a 256-slot queue of children, however few it has: its array is
	 * 1,040 B with compressed oops, against 48 B for the 8 slots six children need. Bound: at least
	 * 900 B less (measured: 1,320 B against 2,296 B).
	 */
	@Test
	void gatherTwinAllocatesNoQueueOfTwoHundredFiftySixSlots() {
		EagerPolicy.setEnabled(false);
		double defaults = Allocations.bytesPerCall(WARMUP, ITERATIONS, i -> Flux.mergeSequential(SIX).collectList().subscribe(last));
		double off = Allocations.bytesPerCall(WARMUP, ITERATIONS, i -> Eager.gather(SIX).subscribe(last));
		System.out.printf("gather over 6 children, switch off %.1f B/op, mergeSequential defaults %.1f B/op%n", off, defaults);
		assertThat(off).isLessThanOrEqualTo(defaults - 900);
	}
}
