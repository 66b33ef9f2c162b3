package io.reactoreager.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactoreager.Eager;
import io.reactoreager.EagerOperator;
import io.reactoreager.EagerPolicy;
import io.reactoreager.EagerSink;
import io.reactoreager.EagerStats;
import io.reactoreager.metrics.testing.MeterDeltas;
import io.reactoreager.metrics.testing.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binder's counters move exactly as the eager operators act: one {@code inline} per step on a
 * resolved input (with the table's avoided allocations), one {@code suspended} per continuation on
 * a pending input, one {@code lazy.subscriptions} per subscription of a lazy chain; nothing else.
 */
class EagerMetricsTest {

	static final AllocationTable TABLE = AllocationTable.load();
	static final boolean AVOIDED_REPORTED = TABLE.matchesRunningJvm();

	MeterRegistry registry;
	final Sink sink = new Sink();

	@BeforeEach
	void bind() {
		EagerPolicy.setEnabled(true);
		EagerPolicy.setStatsEnabled(true);
		registry = new SimpleMeterRegistry();
		new EagerMetrics(Tags.of("app", "test")).bindTo(registry);
	}

	@AfterEach
	void reset() {
		EagerPolicy.setEnabled(true);
		EagerPolicy.setStatsEnabled(true);
	}

	static Stream<Arguments> steps() {
		return Stream.of(
				step(EagerOperator.MAP, Eager.map(x -> x + 1)),
				step(EagerOperator.FLAT_MAP, Eager.flatMap(x -> Mono.just(x))),
				step(EagerOperator.FILTER, Eager.filter(x -> x > 0)),
				step(EagerOperator.HANDLE, Eager.<Integer, Integer>handle((x, s) -> s.next(x))),
				step(EagerOperator.DO_ON_NEXT, Eager.doOnNext(x -> { })),
				step(EagerOperator.DO_ON_ERROR, Eager.doOnError(e -> { })),
				step(EagerOperator.ON_ERROR_RESUME, Eager.onErrorResume(e -> Mono.just(0))),
				step(EagerOperator.ON_ERROR_RETURN, Eager.onErrorReturn(0)),
				step(EagerOperator.ON_ERROR_MAP, Eager.onErrorMap(e -> e)),
				step(EagerOperator.SWITCH_IF_EMPTY, Eager.switchIfEmpty(Mono.just(0))),
				step(EagerOperator.DEFAULT_IF_EMPTY, Eager.defaultIfEmpty(0)),
				step(EagerOperator.THEN, Eager.then(Mono.just(2))),
				step(EagerOperator.THEN_RETURN, Eager.thenReturn(2)));
	}

	static Arguments step(EagerOperator op, Function<Mono<Integer>, ? extends Mono<?>> f) {
		return Arguments.of(op, f);
	}

	Map<String, Double> read() {
		return MeterDeltas.read(registry);
	}

	/** What {@code n} inline completions of {@code op} must add: the count and the table's figures. */
	static Map<String, Double> inline(EagerOperator op, int n) {
		Map<String, Double> m = new HashMap<>();
		m.put(MeterDeltas.step("inline", op.tagValue()), (double) n);
		if (AVOIDED_REPORTED && TABLE.covers(op)) {
			putIfNonZero(m, MeterDeltas.key(EagerMetrics.AVOIDED_BYTES, op.tagValue()), n * TABLE.bytes(op));
			putIfNonZero(m, MeterDeltas.key(EagerMetrics.AVOIDED_OBJECTS, op.tagValue()), n * TABLE.objects(op));
		}
		return m;
	}

	static void putIfNonZero(Map<String, Double> m, String key, double v) {
		if (v != 0) {
			m.merge(key, v, Double::sum);
		}
	}

	static Map<String, Double> one(String outcome, EagerOperator op) {
		Map<String, Double> m = new HashMap<>();
		m.put(MeterDeltas.step(outcome, op.tagValue()), 1.0);
		return m;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("steps")
	void resolvedInputCountsOneInlineCompletionAndItsAvoidedAllocations(EagerOperator op, Function<Mono<Integer>, Mono<Object>> f) {
		Map<String, Double> before = read();
		Mono<Object> m = Mono.just(1).transform(f);
		assertThat(MeterDeltas.delta(before, read())).isEqualTo(inline(op, 1));

		before = read();
		m.subscribe(sink);
		assertThat(MeterDeltas.delta(before, read())).as("subscribing a resolved result counts nothing").isEmpty();
		assertThat(sink.completions).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("steps")
	void pendingInputCountsOneSuspensionAndNothingWhenItCompletes(EagerOperator op, Function<Mono<Integer>, Mono<Object>> f) {
		EagerSink<Integer> source = Eager.sink(() -> { });
		Map<String, Double> before = read();
		Mono<Object> m = source.asMono().transform(f);
		assertThat(MeterDeltas.delta(before, read())).isEqualTo(one("suspended", op));

		m.subscribe(sink);
		before = read();
		source.tryEmitValue(1);
		assertThat(MeterDeltas.delta(before, read())).as("the continuation resumes without a further count").isEmpty();
		assertThat(sink.completions).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("steps")
	void lazyInputCountsNothingAtAssemblyAndOneLazySubscriptionPerSubscription(EagerOperator op, Function<Mono<Integer>, Mono<Object>> f) {
		Map<String, Double> before = read();
		Mono<Object> m = Mono.fromCallable(() -> 1).transform(f);
		assertThat(MeterDeltas.delta(before, read())).as("a lazy input stays lazy").isEmpty();

		for (int round = 1; round <= 2; round++) {
			before = read();
			m.subscribe(sink);
			Map<String, Double> expected = inline(op, 1);
			expected.put(MeterDeltas.step("lazy", op.tagValue()), 1.0);
			assertThat(MeterDeltas.delta(before, read())).as("subscription %d", round).isEqualTo(expected);
		}
	}

	@Test
	void entryPointsCountInlineOnResolvedAndSuspendedOrLazyOtherwise() {
		Map<String, Double> before = read();
		Eager.fromCallable(() -> 1);
		assertThat(MeterDeltas.delta(before, read())).isEqualTo(inline(EagerOperator.FROM_CALLABLE, 1));

		before = read();
		Eager.fromFuture(CompletableFuture.completedFuture(1));
		assertThat(MeterDeltas.delta(before, read())).isEqualTo(inline(EagerOperator.FROM_FUTURE, 1));

		before = read();
		CompletableFuture<Integer> incomplete = new CompletableFuture<>();
		Eager.fromFuture(incomplete);
		assertThat(MeterDeltas.delta(before, read())).isEqualTo(one("suspended", EagerOperator.FROM_FUTURE));
		incomplete.complete(1);

		before = read();
		Eager.start(Mono.just(1));
		assertThat(MeterDeltas.delta(before, read())).isEqualTo(inline(EagerOperator.START, 1));

		before = read();
		Eager.start(Mono.fromCallable(() -> 1));
		assertThat(MeterDeltas.delta(before, read())).isEqualTo(one("lazy", EagerOperator.START));

		before = read();
		Eager.whenComplete(Mono.just(1), Context.empty(), (v, e) -> { });
		assertThat(MeterDeltas.delta(before, read())).isEqualTo(inline(EagerOperator.WHEN_COMPLETE, 1));

		EagerSink<Integer> pending = Eager.sink(() -> { });
		before = read();
		Eager.whenComplete(pending.asMono(), Context.empty(), (v, e) -> { });
		assertThat(MeterDeltas.delta(before, read())).isEqualTo(one("suspended", EagerOperator.WHEN_COMPLETE));
		pending.tryEmitValue(1);

		before = read();
		Eager.whenComplete(Mono.fromCallable(() -> 1), Context.empty(), (v, e) -> { });
		assertThat(MeterDeltas.delta(before, read())).isEqualTo(one("lazy", EagerOperator.WHEN_COMPLETE));
	}

	@Test
	void inlineJoinCountsOneCompletionAndOneFusedChildPerChild() {
		for (EagerOperator op : List.of(EagerOperator.GATHER, EagerOperator.ZIP, EagerOperator.WHEN)) {
			Map<String, Double> before = read();
			List<Mono<Integer>> three = List.of(Mono.just(1), Mono.just(2), Mono.just(3));
			switch (op) {
				case GATHER -> Eager.gather(three);
				case ZIP -> Eager.zip(three, a -> a.length);
				default -> Eager.when(three);
			}
			Map<String, Double> expected = inline(op, 1);
			expected.put(MeterDeltas.key(EagerMetrics.FUSED_CHILDREN, op.tagValue()), 3.0);
			if (AVOIDED_REPORTED && TABLE.covers(op)) {
				putIfNonZero(expected, MeterDeltas.key(EagerMetrics.AVOIDED_BYTES, op.tagValue()), 3 * TABLE.childBytes(op));
				putIfNonZero(expected, MeterDeltas.key(EagerMetrics.AVOIDED_OBJECTS, op.tagValue()), 3 * TABLE.childObjects(op));
			}
			assertThat(MeterDeltas.delta(before, read())).as(op.tagValue()).isEqualTo(expected);
		}
	}

	@Test
	void joinWithPendingChildrenCountsOneSuspensionPerPendingChild() {
		EagerSink<Integer> a = Eager.sink(() -> { });
		EagerSink<Integer> b = Eager.sink(() -> { });
		Map<String, Double> before = read();
		Mono<List<Integer>> all = Eager.gather(List.of(a.asMono(), Mono.just(2), b.asMono()));
		Map<String, Double> expected = new HashMap<>();
		expected.put(MeterDeltas.step("suspended", "gather"), 2.0);
		assertThat(MeterDeltas.delta(before, read())).isEqualTo(expected);
		a.tryEmitValue(1);
		b.tryEmitValue(3);
		assertThat(all.block()).containsExactly(1, 2, 3);
	}

	@Test
	void countingOffMovesNoCounter() {
		EagerPolicy.setStatsEnabled(false);
		Map<String, Double> before = read();
		Mono.just(1).transform(Eager.map(x -> x + 1)).transform(Eager.flatMap(x -> Mono.just(x))).subscribe(sink);
		assertThat(MeterDeltas.delta(before, read())).isEmpty();
	}

	@Test
	void enabledGaugeFollowsTheSwitch() {
		assertThat(registry.get("reactor.eager.enabled").tag("app", "test").gauge().value()).isEqualTo(1.0);
		EagerPolicy.setEnabled(false);
		assertThat(registry.get("reactor.eager.enabled").gauge().value()).isEqualTo(0.0);
	}

	@Test
	void everyMeterCarriesTheCommonTagsAndEveryOperatorHasItsCounters() {
		assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTag("app")).isEqualTo("test"));
		for (EagerOperator op : EagerOperator.values()) {
			for (String outcome : List.of("inline", "suspended", "lazy", "deferred", "yielded")) {
				assertThat(registry.find(EagerMetrics.STEPS).tag("operator", op.tagValue()).tag("outcome", outcome).functionCounter())
						.as("%s %s", outcome, op).isNotNull();
			}
		}
		if (!AVOIDED_REPORTED) {
			assertThat(registry.find(EagerMetrics.AVOIDED_BYTES).meters()).isEmpty();
			return;
		}
		assertThat(registry.get(EagerMetrics.AVOIDED_BYTES).tag("operator", "map").functionCounter()
				.getId().getBaseUnit()).isEqualTo("bytes");
		assertThat(registry.get(EagerMetrics.AVOIDED_OBJECTS).tag("operator", "map").functionCounter()
				.getId().getBaseUnit()).isEqualTo("objects");
	}

	@Test
	void bindingTurnsCountingOn() {
		EagerPolicy.setStatsEnabled(false);
		new EagerMetrics().bindTo(new SimpleMeterRegistry());
		assertThat(EagerPolicy.isStatsEnabled()).isTrue();
	}

	/**
	 * A known workload on threads that die before the scrape: 8 threads, each 1,000 inline
	 * {@code map} steps and 1,000 suspended {@code flatMap} steps; the scrape after they are
	 * joined reads exactly 8,000 of each, however many retired arrays the reads go through.
	 */
	@Test
	void countsOfAKnownWorkloadOnThreadsThatDieAreExactOverAScrape() throws InterruptedException {
		int threads = 8;
		int perThread = 1_000;
		Map<String, Double> before = read();
		Thread[] workers = new Thread[threads];
		for (int t = 0; t < threads; t++) {
			workers[t] = new Thread(() -> {
				for (int i = 0; i < perThread; i++) {
					Mono.just(i).transform(Eager.map(x -> x + 1));
					EagerSink<Integer> pending = Eager.sink(() -> { });
					pending.asMono().transform(Eager.flatMap(x -> Mono.just(x)));
				}
			}, "counting-worker-" + t);
			workers[t].start();
		}
		for (Thread w : workers) {
			w.join();
		}
		EagerStats.snapshot(); // retires the dead workers' arrays: the counts must survive it
		Map<String, Double> d = MeterDeltas.delta(before, read());
		assertThat(d).containsEntry(MeterDeltas.step("inline", "map"), (double) threads * perThread)
				.containsEntry(MeterDeltas.step("suspended", "flatMap"), (double) threads * perThread)
				.doesNotContainKeys(MeterDeltas.step("inline", "flatMap"), MeterDeltas.step("suspended", "map"));
	}

	@Test
	void deepRecursionPastTheInlineDepthCountsTrampolinedSteps() {
		int depth = EagerPolicy.maxInlineDepth();
		EagerPolicy.setMaxInlineDepth(4);
		try {
			Map<String, Double> before = read();
			Integer r = countDown(50).block();
			assertThat(r).isZero();
			Map<String, Double> d = MeterDeltas.delta(before, read());
			assertThat(d.get(MeterDeltas.step("deferred", "flatMap"))).isPositive();
		}
		finally {
			EagerPolicy.setMaxInlineDepth(depth);
		}
	}

	static Mono<Integer> countDown(int n) {
		return Mono.just(n).transform(Eager.flatMap(x -> x == 0 ? Mono.just(0) : countDown(x - 1)));
	}
}
