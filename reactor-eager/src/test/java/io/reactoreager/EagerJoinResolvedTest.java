package io.reactoreager;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

import io.reactoreager.testing.Allocations;
import io.reactoreager.testing.CountingOn;
import io.reactoreager.testing.Signals;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.util.annotation.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The fast path of {@code zip}, {@code when} and {@code gather} over children that are all
 * resolved ({@link EagerJoin#joinResolved}): the result is resolved at assembly and carries the
 * stock operator's signals (first error in argument order; for zip, an empty child before any
 * error empties the result), counts exactly one inline completion and one fused child per child,
 * and allocates only the values array (zip) or the result list (gather) and the result.
 */
class EagerJoinResolvedTest {

	/** The resolved forms a child can take. */
	enum Child {
		JUST, EMPTY, ERROR, EAGER_VALUE, EAGER_ERROR, DONE_PENDING_VALUE, DONE_PENDING_EMPTY, DONE_PENDING_ERROR;

		/** A fresh child at argument position {@code i}: values and error messages name the position. */
		Mono<Integer> mono(int i) {
			return switch (this) {
				case JUST -> Mono.just(i);
				case EMPTY -> Mono.empty();
				case ERROR -> Mono.error(new IllegalStateException("error " + i));
				case EAGER_VALUE -> Mono.just(i).transform(Eager.map(x -> x + 100));
				case EAGER_ERROR -> Mono.just(i).transform(Eager.map(x -> {
					throw new IllegalArgumentException("eager error " + x);
				}));
				case DONE_PENDING_VALUE -> done(s -> s.tryEmitValue(i));
				case DONE_PENDING_EMPTY -> done(EagerSink::tryEmitEmpty);
				case DONE_PENDING_ERROR -> done(s -> s.tryEmitError(new IllegalStateException("pending error " + i)));
			};
		}

		private static Mono<Integer> done(Function<EagerSink<Integer>, ?> complete) {
			EagerSink<Integer> sink = Eager.sink(() -> { });
			complete.apply(sink);
			return sink.asMono();
		}
	}

	enum Join { ZIP, ZIP_VARARGS, WHEN, GATHER }

	@AfterEach
	void switchBackOn() {
		EagerPolicy.setEnabled(true);
	}

	static List<Mono<Integer>> children(List<Child> plan) {
		List<Mono<Integer>> l = new ArrayList<>(plan.size());
		for (int i = 0; i < plan.size(); i++) {
			l.add(plan.get(i).mono(i));
		}
		return l;
	}

	static String combine(Object[] values) {
		return Arrays.toString(values);
	}

	static Mono<?> eager(Join join, List<Mono<Integer>> children) {
		return switch (join) {
			case ZIP -> Eager.zip(children, EagerJoinResolvedTest::combine);
			case ZIP_VARARGS -> Eager.zip(EagerJoinResolvedTest::combine, children.toArray(new Mono<?>[0]));
			case WHEN -> Eager.when(children);
			case GATHER -> Eager.gather(children);
		};
	}

	static Mono<?> stock(Join join, List<Mono<Integer>> children) {
		return switch (join) {
			case ZIP, ZIP_VARARGS -> Mono.zip(children, EagerJoinResolvedTest::combine);
			case WHEN -> Mono.when(children);
			case GATHER -> Flux.mergeSequential(children).collectList();
		};
	}

	@Provide
	Arbitrary<List<Child>> plans() {
		return Arbitraries.of(Child.class).list().ofMaxSize(8);
	}

	@Property(tries = 1000)
	void joinOfResolvedChildrenIsResolvedAndDeliversTheStockSignals(@ForAll("plans") List<Child> plan, @ForAll Join join) {
		List<String> expected = Signals.record(stock(join, children(plan)));
		Mono<?> result = eager(join, children(plan));
		assertThat(Eager.isResolved(result)).as("fused on the spot").isTrue();
		assertThat(Signals.record(result)).isEqualTo(expected);

		EagerPolicy.setEnabled(false);
		try {
			assertThat(Signals.record(eager(join, children(plan)))).as("switch off").isEqualTo(expected);
		}
		finally {
			EagerPolicy.setEnabled(true);
		}
	}

	@Test
	void zipOfResolvedChildrenFailsWithTheFirstErrorInArgumentOrder() {
		Mono<String> z = Eager.zip(List.of(Mono.just(1), Child.DONE_PENDING_ERROR.mono(1), Mono.error(new IllegalStateException("error 2"))),
				EagerJoinResolvedTest::combine);
		assertThat(Signals.record(z)).containsExactly("onError(java.lang.IllegalStateException: pending error 1)");
	}

	@Test
	void zipOfResolvedChildrenWithAnEmptyChildBeforeAnErrorCompletesEmptyWithoutCombining() {
		Mono<String> z = Eager.zip(List.of(Mono.just(1), Mono.empty(), Mono.error(new IllegalStateException("late"))), values -> {
			throw new AssertionError("combinator called");
		});
		assertThat(Signals.record(z)).containsExactly(Signals.ON_COMPLETE);
	}

	@Test
	void zipOfNoChildrenCompletesEmptyLikeStock() {
		assertThat(Signals.record(Eager.zip(List.of(), EagerJoinResolvedTest::combine)))
				.isEqualTo(Signals.record(Mono.zip(List.of(), EagerJoinResolvedTest::combine)))
				.containsExactly(Signals.ON_COMPLETE);
	}

	/**
	 * Stock zip subscribes every child, so a finished pending's error after the deciding error is
	 * observed: it is not reported as never retrieved when the pending is collected (a canary
	 * pending nobody observes, collected afterwards, proves the cleaner ran in between).
	 */
	@Test
	void finishedPendingErrorAfterTheDecidingErrorCountsAsObserved() {
		List<Throwable> dropped = new CopyOnWriteArrayList<>();
		Hooks.onErrorDropped(dropped::add);
		try {
			String late = "late " + System.nanoTime();
			WeakReference<Mono<Integer>> lateRef = zipAfterAnError(late);
			String canary = "canary " + System.nanoTime();
			WeakReference<Mono<Integer>> canaryRef = new WeakReference<>(Child.done(s -> s.tryEmitError(new IllegalStateException(canary))));
			Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
				System.gc();
				return lateRef.get() == null && canaryRef.get() == null && dropped.stream().anyMatch(e -> canary.equals(e.getMessage()));
			});
			assertThat(dropped).noneMatch(e -> late.equals(e.getMessage()));
		}
		finally {
			Hooks.resetOnErrorDropped();
		}
	}

	private static WeakReference<Mono<Integer>> zipAfterAnError(String message) {
		Mono<Integer> pending = Child.done(s -> s.tryEmitError(new IllegalStateException(message)));
		Mono<String> z = Eager.zip(List.of(Mono.error(new IllegalStateException("first")), pending), EagerJoinResolvedTest::combine);
		assertThat(Signals.record(z)).containsExactly("onError(java.lang.IllegalStateException: first)");
		return new WeakReference<>(pending);
	}

	@Test
	void whenOfResolvedChildrenFailsWithTheFirstErrorAndIgnoresEmptyChildren() {
		Mono<Void> w = Eager.when(List.of(Mono.empty(), Mono.just(1), Mono.error(new IllegalStateException("first")),
				Mono.error(new IllegalStateException("second"))));
		assertThat(Eager.isResolved(w)).isTrue();
		assertThat(Signals.record(w)).containsExactly("onError(java.lang.IllegalStateException: first)");
	}

	@Test
	void gatherOfResolvedChildrenSkipsEmptyChildrenInArgumentOrder() {
		Mono<List<Integer>> g = Eager.gather(List.of(Child.DONE_PENDING_VALUE.mono(3), Mono.empty(), Mono.just(1), Child.EAGER_VALUE.mono(2)));
		assertThat(Signals.record(g)).containsExactly("onNext([3, 1, 102])", Signals.ON_COMPLETE);
	}

	@Test
	@ExtendWith(CountingOn.class)
	void nullChildIsReportedByItsPositionBeforeAnythingRuns() {
		List<Mono<Integer>> l = Arrays.asList(Mono.just(1), null);
		EagerStats.Snapshot before = EagerStats.snapshot();
		assertThatNullPointerException().isThrownBy(() -> Eager.zip(l, EagerJoinResolvedTest::combine)).withMessage("sources[1]");
		assertThatNullPointerException().isThrownBy(() -> Eager.gather(l)).withMessage("sources[1]");
		assertThatNullPointerException().isThrownBy(() -> Eager.when(new ArrayList<>(l))).withMessage("sources[1]");
		assertThatNullPointerException().isThrownBy(() -> Eager.zip(EagerJoinResolvedTest::combine, Mono.just(1), null)).withMessage("sources[1]");
		EagerStats.Snapshot d = EagerStats.snapshot().minus(before);
		for (EagerOperator op : List.of(EagerOperator.ZIP, EagerOperator.GATHER, EagerOperator.WHEN)) {
			assertThat(d.count(op, EagerStats.Kind.INLINE)).as("%s", op).isZero();
		}
	}

	@Test
	@ExtendWith(CountingOn.class)
	void resolvedJoinCountsOneInlineCompletionAndOneFusedChildPerChild() {
		for (Join join : Join.values()) {
			for (Child last : List.of(Child.JUST, Child.ERROR, Child.EMPTY)) {
				List<Child> plan = List.of(Child.JUST, Child.EAGER_VALUE, Child.DONE_PENDING_VALUE, Child.JUST, last);
				List<Mono<Integer>> children = children(plan);
				EagerOperator op = join == Join.WHEN ? EagerOperator.WHEN : join == Join.GATHER ? EagerOperator.GATHER : EagerOperator.ZIP;
				EagerStats.Snapshot before = EagerStats.snapshot();
				eager(join, children);
				EagerStats.Snapshot d = EagerStats.snapshot().minus(before);
				assertThat(d.count(op, EagerStats.Kind.INLINE)).as("%s ending %s", join, last).isEqualTo(1);
				assertThat(d.count(op, EagerStats.Kind.FUSED_CHILD)).as("%s ending %s", join, last).isEqualTo(5);
				assertThat(d.count(op, EagerStats.Kind.SUSPENDED)).as("%s ending %s", join, last).isZero();
			}
		}
	}

	@Test
	@ExtendWith(CountingOn.class)
	void resolvedJoinWithTheSwitchOffCountsNothingAndBuildsTheStockOperator() {
		List<Mono<Integer>> children = children(List.of(Child.JUST, Child.JUST));
		EagerPolicy.setEnabled(false);
		EagerStats.Snapshot before = EagerStats.snapshot();
		for (Join join : Join.values()) {
			assertThat(Eager.isResolved(eager(join, children))).as("%s", join).isFalse();
		}
		EagerStats.Snapshot d = EagerStats.snapshot().minus(before);
		for (EagerOperator op : List.of(EagerOperator.ZIP, EagerOperator.GATHER, EagerOperator.WHEN)) {
			assertThat(d.count(op, EagerStats.Kind.INLINE)).as("%s", op).isZero();
			assertThat(d.count(op, EagerStats.Kind.FUSED_CHILD)).as("%s", op).isZero();
		}
	}

	// ------------------------------------------------------------------ allocation

	static final int WARMUP = 300_000;
	static final int ITERATIONS = 200_000;

	/** Six resolved children, built once, as the inner node of the async_tree benchmark has. */
	static final List<Mono<Integer>> SIX = List.of(Mono.just(1), Mono.just(2), Mono.just(3), Mono.just(4), Mono.just(5), Mono.just(6));

	static Integer sum(Object[] values) {
		int s = 0;
		for (Object v : values) {
			s += (Integer) v;
		}
		return s; // 21: from the Integer cache, so the combinator allocates nothing
	}

	/**
	 * Bytes per call of {@code join} after warm-up; checks that the last result it built is
	 * resolved with {@code expected} ({@code null}: completes empty).
	 */
	static double bytesPerJoin(String name, Supplier<Mono<?>> join, @Nullable Object expected) {
		Object[] last = new Object[1];
		double bytes = Allocations.bytesPerCall(WARMUP, ITERATIONS, i -> last[0] = join.get());
		System.out.printf("%s of 6 resolved children: %.1f B/op%n", name, bytes);
		Mono<?> result = (Mono<?>) last[0];
		assertThat(Eager.isResolved(result)).isTrue();
		assertThat(result.block()).isEqualTo(expected);
		return bytes;
	}

	/**
	 * The values array handed to the combinator (16 B header + 6 references of 4 B = 40 B with
	 * compressed oops) and the resolved result (16 B): 56 B. Bound 64 B (one 8 B margin for
	 * alignment on another layout); the path it replaces copied the children three times (560 B
	 * measured).
	 */
	@Test
	void zipOfSixResolvedChildrenAllocatesOnlyTheValuesArrayAndTheResult() {
		assertThat(bytesPerJoin("Eager.zip", () -> Eager.zip(SIX, EagerJoinResolvedTest::sum), 21)).isLessThanOrEqualTo(64);
	}

	/**
	 * The varargs form reads the caller's array itself, with no list view of it: the same 56 B
	 * as the list form (the caller's own varargs array is built outside the measured call).
	 */
	@Test
	void zipOfSixResolvedChildrenInAnArrayAllocatesOnlyTheValuesArrayAndTheResult() {
		Mono<?>[] six = SIX.toArray(new Mono<?>[0]);
		assertThat(bytesPerJoin("Eager.zip(array)", () -> Eager.zip(EagerJoinResolvedTest::sum, six), 21)).isLessThanOrEqualTo(64);
	}

	/** The result list (ArrayList 24 B + its 6-slot array 40 B) and the resolved result (16 B): 80 B; bound 88 B. */
	@Test
	void gatherOfSixResolvedChildrenAllocatesOnlyTheListAndTheResult() {
		assertThat(bytesPerJoin("Eager.gather", () -> Eager.gather(SIX), List.of(1, 2, 3, 4, 5, 6))).isLessThanOrEqualTo(88);
	}

	/** {@code when} keeps no values and completes with the shared resolved empty: bound 8 B (measurement slack only). */
	@Test
	void whenOfSixResolvedChildrenAllocatesNothing() {
		assertThat(bytesPerJoin("Eager.when", () -> Eager.when(SIX), null)).isLessThanOrEqualTo(8);
	}
}
