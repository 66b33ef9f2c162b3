package io.reactoreager.metrics;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactoreager.Eager;
import io.reactoreager.EagerPolicy;
import io.reactoreager.metrics.testing.Allocations;
import io.reactoreager.metrics.testing.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Honesty check of {@code reactor.eager.allocation.avoided} (bytes): on a reference workload, after
 * warm-up, the bytes the meter claims were avoided are within ±20% of what the JVM's per-thread
 * counter measures: the same code run with the switch off (stock) minus with it on (eager).
 * Object sizes depend on the layout (compressed oops and class pointers): on a JVM whose layout
 * differs from the table's the binder reports no avoided allocations, and this test is skipped.
 */
class AllocationHonestyTest {

	static final double MARGIN = 0.20;
	static final int WARMUP = 150_000;
	static final int ITERATIONS = 50_000;

	static final Function<Mono<Integer>, Mono<Integer>> MAP_1 = Eager.map(x -> x + 1);
	static final Function<Mono<Integer>, Mono<Integer>> FILTER = Eager.filter(x -> x >= 0);
	static final Function<Mono<Integer>, Mono<Integer>> FLAT_MAP = Eager.flatMap(x -> Mono.just(x * 2));
	static final Function<Mono<Integer>, Mono<Integer>> MAP_2 = Eager.map(x -> x - 1);
	static final Function<Mono<Integer>, Mono<Integer>> DEFAULT = Eager.defaultIfEmpty(0);
	static final Function<Mono<List<Integer>>, Mono<Integer>> SUM = Eager.flatMap(AllocationHonestyTest::sum);

	final Sink sink = new Sink();

	@AfterEach
	void switchBackOn() {
		EagerPolicy.setEnabled(true);
		EagerPolicy.setStatsEnabled(true);
	}

	static Integer input(int i) {
		return i & 31;
	}

	/** The 5-step chain on a resolved input. */
	static Mono<Integer> chain(int i) {
		return Mono.just(input(i)).transform(MAP_1).transform(FILTER).transform(FLAT_MAP).transform(MAP_2).transform(DEFAULT);
	}

	/** A synchronous async_tree: each node gathers its children, then sums them with flatMap. */
	static Mono<Integer> tree(int depth, int fanout, int i) {
		if (depth == 0) {
			return Mono.just(input(i));
		}
		List<Mono<Integer>> children = new ArrayList<>(fanout);
		for (int c = 0; c < fanout; c++) {
			children.add(tree(depth - 1, fanout, i + c));
		}
		return Eager.gather(children).transform(SUM);
	}

	static Mono<Integer> sum(List<Integer> values) {
		int s = 0;
		for (Integer v : values) {
			s += v;
		}
		return Mono.just(s & 127);
	}

	@Test
	void bytesAvoidedMatchTheMeasuredDifferenceOnTheFiveStepChain() {
		check("5-step chain", i -> chain(i).subscribe(sink));
	}

	@Test
	void bytesAvoidedMatchTheMeasuredDifferenceOnASynchronousAsyncTree() {
		check("async_tree depth 3, fanout 3", i -> tree(3, 3, i).subscribe(sink));
	}

	void check(String workload, Body body) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		EagerMetrics metrics = new EagerMetrics();
		assertThat(metrics.reportsAllocationsAvoided()).as("the binder reports the table exactly when the layout matches")
				.isEqualTo(sameLayoutAsTheTable());
		assumeTrue(sameLayoutAsTheTable(), "the allocation table holds for the object layout it was measured with "
				+ "(compressed oops and class pointers as the table records); this JVM has another");
		metrics.bindTo(registry);

		// warm both modes, interleaved, so that both are compiled before either is measured
		for (int w = 0; w < 2; w++) {
			run(false, body, WARMUP / 2);
			run(true, body, WARMUP / 2);
		}
		double stock = measure(false, body);
		double before = bytesAvoided(registry);
		double eager = measure(true, body);
		double claimed = (bytesAvoided(registry) - before) / (3.0 * ITERATIONS);
		double measured = stock - eager;
		System.out.printf("%s: stock %.1f B/op, eager %.1f B/op, measured difference %.1f B/op, meter claims %.1f B/op (%+.1f%%)%n",
				workload, stock, eager, measured, claimed, 100 * (claimed - measured) / measured);
		assertThat(sink.values).isPositive();
		assertThat(measured).as("the eager pipeline allocates less").isPositive();
		assertThat(claimed).as("%s: claimed %.1f B/op vs measured %.1f B/op", workload, claimed, measured)
				.isBetween(measured * (1 - MARGIN), measured * (1 + MARGIN));
	}

	/** The VM options that fix the object layout, read from the running JVM, against the table's record. */
	static boolean sameLayoutAsTheTable() {
		HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		AllocationTable table = AllocationTable.load();
		return table.jvm("compressedOops").equals(hs.getVMOption("UseCompressedOops").getValue())
				&& table.jvm("compressedClassPointers").equals(hs.getVMOption("UseCompressedClassPointers").getValue());
	}

	static double bytesAvoided(SimpleMeterRegistry registry) {
		return registry.find(EagerMetrics.AVOIDED_BYTES).functionCounters().stream()
				.mapToDouble(FunctionCounter::count).sum();
	}

	static void run(boolean on, Body body, int iterations) {
		EagerPolicy.setEnabled(on);
		for (int i = 0; i < iterations; i++) {
			body.run(i);
		}
	}

	/** Mean bytes per iteration over three rounds (all counted, since the meter counts all of them). */
	static double measure(boolean on, Body body) {
		EagerPolicy.setEnabled(on);
		long start = Allocations.allocatedBytes();
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < ITERATIONS; i++) {
				body.run(i);
			}
		}
		return (Allocations.allocatedBytes() - start) / (3.0 * ITERATIONS);
	}

	@FunctionalInterface
	interface Body {
		void run(int i);
	}
}
