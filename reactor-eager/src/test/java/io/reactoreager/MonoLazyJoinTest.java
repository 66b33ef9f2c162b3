package io.reactoreager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import io.reactoreager.testing.Allocations;
import io.reactoreager.testing.Drain;
import io.reactoreager.testing.Signals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.util.RaceTestUtils;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code zip}, {@code when} and {@code gather} over resolved and lazy children, side by side with
 * their stock twins ({@code Mono.zip}, {@code Mono.when}, {@code Flux.mergeSequential(..).collectList()}):
 * the same signals, the lazy children subscribed only at each subscription and with the
 * subscriber's Context, cancellation reaching the children, the discard hook called where stock
 * calls it, and the resolved children read without a subscription.
 */
class MonoLazyJoinTest {

	static final List<String> COMBINATORS = List.of("zip", "when", "gather");

	static Mono<?> eager(String combinator, List<Mono<Integer>> children) {
		return switch (combinator) {
			case "zip" -> Eager.zip(children, MonoLazyJoinTest::joined);
			case "when" -> Eager.when(children);
			case "gather" -> Eager.gather(children);
			default -> throw new AssertionError(combinator);
		};
	}

	static Mono<?> stock(String combinator, List<Mono<Integer>> children) {
		return switch (combinator) {
			case "zip" -> Mono.zip(children, MonoLazyJoinTest::joined);
			case "when" -> Mono.when(children);
			case "gather" -> Flux.mergeSequential(children).collectList();
			default -> throw new AssertionError(combinator);
		};
	}

	static String joined(Object[] values) {
		StringBuilder b = new StringBuilder();
		for (Object v : values) {
			b.append(v).append(';');
		}
		return b.toString();
	}

	/** A child of one kind, built fresh: r* resolved, l* lazy (subscribing counts in {@code runs}); *v value, *e empty, *x error. */
	static Mono<Integer> child(String kind, int value, AtomicInteger runs) {
		return switch (kind) {
			case "rv" -> Mono.just(value);
			case "re" -> Mono.empty();
			case "rx" -> Mono.error(new IllegalStateException("boom " + value));
			case "lv" -> Mono.fromCallable(() -> {
				runs.incrementAndGet();
				return value;
			});
			case "le" -> Mono.defer(() -> {
				runs.incrementAndGet();
				return Mono.<Integer>empty();
			});
			case "lx" -> Mono.defer(() -> {
				runs.incrementAndGet();
				return Mono.<Integer>error(new IllegalStateException("lazy boom " + value));
			});
			default -> throw new AssertionError(kind);
		};
	}

	static final List<String> KINDS = List.of("rv", "re", "rx", "lv", "le", "lx");

	/** Every arrangement of three children with at least one lazy child, for each combinator. */
	static Stream<Arguments> arrangements() {
		List<Arguments> l = new ArrayList<>();
		for (String c : COMBINATORS) {
			for (String a : KINDS) {
				for (String b : KINDS) {
					for (String d : KINDS) {
						if (a.startsWith("l") || b.startsWith("l") || d.startsWith("l")) {
							l.add(Arguments.of(c, a, b, d));
						}
					}
				}
			}
		}
		return l.stream();
	}

	final List<String> dropped = new CopyOnWriteArrayList<>();

	@BeforeEach
	void captureDroppedErrors() {
		Hooks.onErrorDropped(e -> dropped.add(e.getMessage()));
	}

	@AfterEach
	void resetHooks() {
		Hooks.resetOnErrorDropped();
	}

	@ParameterizedTest(name = "{0}({1}, {2}, {3})")
	@MethodSource("arrangements")
	void deliversTheStockSignalsAndRunsTheLazyChildrenAsStockDoes(String combinator, String a, String b, String d) {
		AtomicInteger eagerRuns = new AtomicInteger();
		AtomicInteger stockRuns = new AtomicInteger();
		Mono<?> e = eager(combinator, List.of(child(a, 1, eagerRuns), child(b, 2, eagerRuns), child(d, 3, eagerRuns)));
		Mono<?> s = stock(combinator, List.of(child(a, 1, stockRuns), child(b, 2, stockRuns), child(d, 3, stockRuns)));
		assertThat(Eager.isResolved(e)).as("a join with a lazy child is lazy").isFalse();
		assertThat(eagerRuns).as("nothing runs at assembly").hasValue(0);
		List<String> eagerSignals = Signals.record(e);
		List<String> eagerDropped = List.copyOf(dropped);
		dropped.clear();
		assertThat(eagerSignals).isEqualTo(Signals.record(s));
		assertThat(eagerRuns).as("lazy children run as often as stock runs them").hasValue(stockRuns.get());
		// stock zip and when lose an error that arrives once the outcome is decided; nothing is lost
		// here: it goes to onErrorDropped, beside every error stock drops there
		assertThat(eagerDropped).containsAll(dropped);
	}

	@ParameterizedTest
	@ValueSource(strings = {"zip", "when", "gather"})
	void lazyChildRunsAtEachSubscriptionWithTheSubscribersContext(String combinator) {
		AtomicInteger runs = new AtomicInteger();
		Mono<Integer> contextual = Mono.deferContextual(ctx -> {
			runs.incrementAndGet();
			return Mono.just(ctx.get("k"));
		});
		Mono<?> e = eager(combinator, List.of(Mono.just(1), contextual, Eager.just(3)));
		Mono<?> s = stock(combinator, List.of(Mono.just(1), contextual, Eager.just(3)));
		assertThat(runs).hasValue(0);
		for (int k : new int[] {20, 21}) {
			assertThat(Signals.record(e, Context.of("k", k))).isEqualTo(Signals.record(s, Context.of("k", k)));
		}
		assertThat(runs).as("two subscriptions each, eager and stock").hasValue(4);
	}

	@ParameterizedTest
	@ValueSource(strings = {"zip", "when", "gather"})
	void cancellingTheResultCancelsTheLazyAndThePendingChildren(String combinator) {
		AtomicInteger lazyCancelled = new AtomicInteger();
		AtomicInteger pendingCancelled = new AtomicInteger();
		EagerSink<Integer> started = Eager.sink(pendingCancelled::incrementAndGet);
		Mono<Integer> never = Mono.<Integer>never().doOnCancel(lazyCancelled::incrementAndGet);
		Mono<?> e = eager(combinator, List.of(Mono.just(1), never, started.asMono()));
		Signals.Recorder r = new Signals.Recorder(Context.empty());
		e.subscribe(r);
		r.subscription().cancel();
		started.tryEmitValue(2);
		assertThat(r.signals()).as("no signal after cancel").isEmpty();
		assertThat(lazyCancelled).hasValue(1);
		assertThat(pendingCancelled).as("the join was the started work's only observer").hasValue(1);

		AtomicInteger stockCancelled = new AtomicInteger();
		Signals.Recorder sr = new Signals.Recorder(Context.empty());
		stock(combinator, List.of(Mono.just(1), Mono.<Integer>never().doOnCancel(stockCancelled::incrementAndGet))).subscribe(sr);
		sr.subscription().cancel();
		assertThat(stockCancelled).as("stock cancels its lazy child too").hasValue(1);
	}

	@ParameterizedTest
	@ValueSource(strings = {"zip", "when", "gather"})
	void pendingChildIsAwaitedBesideTheLazyOne(String combinator) {
		EagerSink<Integer> eagerSink = Eager.sink(() -> { });
		Sinks.One<Integer> stockSink = Sinks.one();
		Mono<?> e = eager(combinator, List.of(Mono.just(1), eagerSink.asMono(), Mono.fromCallable(() -> 3)));
		Mono<?> s = stock(combinator, List.of(Mono.just(1), stockSink.asMono(), Mono.fromCallable(() -> 3)));
		Signals.Recorder er = new Signals.Recorder(Context.empty());
		Signals.Recorder sr = new Signals.Recorder(Context.empty());
		e.subscribe(er);
		s.subscribe(sr);
		assertThat(er.signals()).isEmpty();
		eagerSink.tryEmitValue(2);
		stockSink.tryEmitValue(2);
		er.await();
		sr.await();
		assertThat(er.signals()).isEqualTo(sr.signals()).isNotEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = {"zip", "when", "gather"})
	void aChildHoldingAFatalErrorIsLeftToSubscriptionAsStockDoes(String combinator) {
		// classifying Mono.error(fatal) must not throw: the join defers it to subscription
		Mono<?> e = eager(combinator, List.of(Mono.just(1), Mono.error(new LinkageError("fatal"))));
		Mono<?> s = stock(combinator, List.of(Mono.just(1), Mono.error(new LinkageError("fatal"))));
		assertThat(Eager.isResolved(e)).isFalse();
		assertThat(Signals.record(e)).isEqualTo(Signals.record(s));
	}

	/** Which values reach the discard hook, with the subscriber's Context, for one join. */
	static List<Object> discarded(Mono<?> join) {
		List<Object> discarded = new CopyOnWriteArrayList<>();
		Signals.record(join.doOnDiscard(Object.class, discarded::add));
		return discarded;
	}

	@Test
	void whenDiscardsTheValuesItIgnoresAsStockWhenDoes() {
		Function<String, List<Mono<Integer>>> children = k -> List.of(Mono.just(1), Mono.fromCallable(() -> 2), Mono.just(3));
		assertThat(discarded(Eager.when(children.apply("e")))).containsExactlyInAnyOrderElementsOf(discarded(Mono.when(children.apply("s"))))
				.hasSize(3);
	}

	@Test
	void zipDiscardsTheValuesItHeldWhenALaterChildFailsAsStockZipDoes() {
		Function<String, List<Mono<Integer>>> children = k -> List.of(Mono.just(1), Mono.fromCallable(() -> 2),
				Mono.defer(() -> Mono.error(new IllegalStateException("late"))));
		assertThat(discarded(Eager.zip(children.apply("e"), MonoLazyJoinTest::joined)))
				.containsExactlyInAnyOrderElementsOf(discarded(Mono.zip(children.apply("s"), MonoLazyJoinTest::joined)));
	}

	@Test
	void racingCancelAndALateLazyChildSignalsNothingAfterCancelAndDiscardsOnce() {
		for (int round = 0; round < 2_000; round++) {
			Sinks.One<Integer> late = Sinks.one();
			List<Object> discarded = new CopyOnWriteArrayList<>();
			Mono<?> join = Eager.zip(List.of(Mono.just(1), late.asMono(), Mono.fromCallable(() -> 3)), MonoLazyJoinTest::joined)
					.doOnDiscard(Object.class, discarded::add);
			Signals.Recorder r = new Signals.Recorder(Context.empty());
			join.subscribe(r);
			RaceTestUtils.race(() -> r.subscription().cancel(), () -> late.tryEmitValue(2));
			if (r.signals().isEmpty() && discarded.contains("1;2;3;")) {
				assertThat(discarded).as("round %d: decided before the cancel, the result is discarded", round).containsExactly("1;2;3;");
			}
			else if (r.signals().isEmpty()) {
				// 2 is discarded only if it reached the join after the cancel (else the sink keeps it)
				assertThat(discarded).as("round %d: each held value discarded once", round).containsOnlyOnce(1, 3)
						.doesNotHaveDuplicates().isSubsetOf(1, 2, 3);
			}
			else {
				assertThat(r.signals()).as("round %d", round).containsExactly(Signals.onNext("1;2;3;"), Signals.ON_COMPLETE);
				assertThat(discarded).as("round %d", round).isEmpty();
			}
		}
	}

	/**
	 * The join stays small: over five resolved children and one lazy one, a subscribed
	 * {@code Eager.when} allocates the join, one inner for the lazy child and its counter, less
	 * than the stock {@code Mono.when} (one inner per child). Bound: at most 3/4 of stock's bytes.
	 */
	@Test
	void lazyJoinOverMostlyResolvedChildrenAllocatesLessThanStockWhen() {
		Mono<Integer> lazy = Mono.fromCallable(() -> 6);
		List<Mono<Integer>> six = List.of(Mono.just(1), Mono.just(2), Mono.just(3), Mono.just(4), Mono.just(5), lazy);
		Drain last = new Drain();
		double stock = Allocations.bytesPerCall(200_000, 100_000, i -> Mono.when(six).subscribe(last));
		double eager = Allocations.bytesPerCall(200_000, 100_000, i -> Eager.when(six).subscribe(last));
		System.out.printf("when over 5 resolved + 1 lazy children: eager %.1f B/op, stock %.1f B/op%n", eager, stock);
		assertThat(last.completions).isPositive();
		assertThat(eager).as("eager %.1f B/op vs stock %.1f B/op", eager, stock).isLessThanOrEqualTo(stock * 0.75);
	}
}
