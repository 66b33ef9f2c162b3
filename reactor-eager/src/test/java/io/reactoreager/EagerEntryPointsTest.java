package io.reactoreager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import io.reactoreager.testing.Input;
import io.reactoreager.testing.InputKind;
import io.reactoreager.testing.Outcome;
import io.reactoreager.testing.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.context.Context;
import reactor.util.function.Tuples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entry points and combinators of {@link Eager} (start, fromFuture, fromCompletionStage, fromCallable, isResolved, when,
 * zip, gather, whenComplete, sink) over every input kind and outcome, against stock Reactor.
 */
class EagerEntryPointsTest {

	static Stream<Arguments> inputs() {
		return Input.all().stream().map(Arguments::of);
	}

	// ------------------------------------------------------------------ start

	@ParameterizedTest(name = "start on {0} {1}")
	@MethodSource("inputs")
	void startRunsLazyWorkOnceAndReplaysTheOutcome(InputKind kind, Outcome outcome) {
		Input in = Input.of(kind, outcome);
		Mono<Integer> started = Eager.start(in.mono());
		if (kind.isLazy()) {
			assertThat(in.runs).as("start runs lazy work at once").hasValue(1);
			assertThat(Eager.isResolved(started)).as("lazy work finishing synchronously is resolved at once").isTrue();
		}
		else {
			assertThat(started).as("a resolved or pending input is returned as is").isSameAs(in.mono());
		}
		List<String> expected = Signals.record(in.stock());
		Signals.verify(started, expected, in::release);
		Signals.verify(started, expected, () -> { });
		if (kind.isLazy()) {
			assertThat(in.runs).as("never runs the work twice").hasValue(1);
		}
	}

	@Test
	void startOfLazyWorkCompletingLaterIsPendingUntilItCompletes() {
		CountDownLatch go = new CountDownLatch(1);
		Mono<Integer> started = Eager.start(Mono.fromCallable(() -> {
			go.await(10, TimeUnit.SECONDS);
			return 5;
		}).subscribeOn(Schedulers.boundedElastic()));
		assertThat(Eager.isPending(started)).isTrue();
		StepVerifier.create(started).then(go::countDown).expectNext(5).expectComplete().verify(Signals.TIMEOUT);
		assertThat(Eager.isResolved(started)).isTrue();
	}

	@Test
	void startWithAContextRunsTheWorkWithThatContext() {
		Input in = Input.of(InputKind.LAZY_CONTEXTUAL, Outcome.VALUE);
		Mono<Integer> started = Eager.start(in.mono(), Input.testContext());
		assertThat(in.seenContext.get().getOrDefault("test.key", "missing")).isEqualTo("test.value");
		StepVerifier.create(started).expectNext(Outcome.VALUE_EMITTED).verifyComplete();

		// work that completes later sees it too, and subscribers' Contexts do not leak into it
		reactor.core.publisher.Sinks.One<String> gate = reactor.core.publisher.Sinks.one();
		Mono<String> later = Eager.start(Mono.deferContextual(ctx -> gate.asMono().map(v -> v + ctx.getOrDefault("test.key", "missing"))),
				Input.testContext());
		assertThat(Eager.isPending(later)).isTrue();
		StepVerifier.create(later.contextWrite(Context.of("test.key", "subscriber's")))
				.then(() -> Schedulers.parallel().schedule(() -> gate.tryEmitValue("seen ")))
				.expectNext("seen test.value").expectComplete().verify(Signals.TIMEOUT);
	}

	@Test
	void aLazyMonoReturnedByFlatMapOnAPendingIsSubscribedWithTheStartContext() {
		EagerSink<Integer> sink = Eager.sink(() -> { });
		Mono<Integer> pending = Eager.start(sink.asMono().transform(Eager.map(x -> x)), Input.testContext());
		Mono<String> m = pending.transform(Eager.flatMap(x -> Mono.deferContextual(ctx -> Mono.just(x + ctx.getOrDefault("test.key", "missing")))));
		StepVerifier.create(m).then(() -> Schedulers.parallel().schedule(() -> sink.tryEmitValue(1)))
				.expectNext("1missing").expectComplete().verify(Signals.TIMEOUT);
	}

	@Test
	void aLazyMonoReturnedByFlatMapOnALazyInputSeesTheSubscribersContext() {
		Mono<String> m = Mono.fromCallable(() -> 1)
				.transform(Eager.flatMap(x -> Mono.deferContextual(ctx -> Mono.just(x + ctx.getOrDefault("test.key", "missing")))))
				.transform(Eager.map(s -> s + "!"));
		assertThat(Signals.record(m, Input.testContext())).containsExactly(Signals.onNext("1test.value!"), Signals.ON_COMPLETE);
	}

	@Test
	void cancellingAStartedPendingCancelsItsUpstreamSubscription() {
		AtomicInteger cancelled = new AtomicInteger();
		Mono<Integer> started = Eager.start(Mono.<Integer>never().doOnCancel(cancelled::incrementAndGet));
		Signals.Recorder r = new Signals.Recorder(Context.empty());
		started.subscribe(r);
		r.subscription().cancel();
		assertThat(cancelled).hasValue(1);
		assertThat(r.signals()).isEmpty();
		// a later subscriber learns the work was cancelled
		StepVerifier.create(started).expectError(java.util.concurrent.CancellationException.class).verify(Signals.TIMEOUT);
	}

	// ------------------------------------------------------------------ fromFuture

	@ParameterizedTest(name = "fromFuture completed {0}")
	@EnumSource(Outcome.class)
	void fromFutureOfACompletedFutureIsResolved(Outcome outcome) {
		CompletableFuture<Integer> f = new CompletableFuture<>();
		complete(f, outcome);
		Mono<Integer> m = Eager.fromFuture(f);
		assertThat(Eager.isResolved(m)).isTrue();
		Signals.verify(m, Signals.record(Mono.fromFuture(f)), () -> { });
	}

	@ParameterizedTest(name = "fromFuture completed later {0}")
	@EnumSource(Outcome.class)
	void fromFutureOfAFutureCompletedLaterFromAnotherThreadIsPending(Outcome outcome) {
		CompletableFuture<Integer> f = new CompletableFuture<>();
		Mono<Integer> m = Eager.fromFuture(f);
		assertThat(Eager.isPending(m)).isTrue();
		CompletableFuture<Integer> done = new CompletableFuture<>();
		complete(done, outcome);
		Signals.verify(m, Signals.record(Mono.fromFuture(done)), () -> Schedulers.parallel().schedule(() -> complete(f, outcome)));
	}

	@Test
	void fromCompletionStageAndFromFutureWithSuppressCancelAsStock() {
		CompletableFuture<Integer> done = CompletableFuture.completedFuture(5);
		assertThat(Eager.isResolved(Eager.fromCompletionStage(done))).isTrue();
		Signals.verify(Eager.fromCompletionStage(done), Signals.record(Mono.fromCompletionStage(done)), () -> { });

		CompletableFuture<Integer> stage = new CompletableFuture<>();
		Signals.Recorder r = new Signals.Recorder(Context.empty());
		Eager.fromCompletionStage(stage).subscribe(r);
		r.subscription().cancel();
		assertThat(stage).as("stock fromCompletionStage cancels a Future stage too").isCancelled();

		CompletableFuture<Integer> kept = new CompletableFuture<>();
		Signals.Recorder k = new Signals.Recorder(Context.empty());
		Eager.fromFuture(kept, true).subscribe(k);
		k.subscription().cancel();
		assertThat(kept).isNotCancelled();
		CompletableFuture<Integer> keptStock = new CompletableFuture<>();
		Mono.fromFuture(keptStock, true).subscribe().dispose();
		assertThat(keptStock).isNotCancelled();
	}

	@Test
	void cancellingFromFutureCancelsTheFuture() {
		CompletableFuture<Integer> f = new CompletableFuture<>();
		Mono<Integer> m = Eager.fromFuture(f);
		Signals.Recorder r = new Signals.Recorder(Context.empty());
		m.subscribe(r);
		r.subscription().cancel();
		assertThat(f).isCancelled();
		assertThat(r.signals()).isEmpty();
	}

	private static void complete(CompletableFuture<Integer> f, Outcome outcome) {
		switch (outcome) {
			case VALUE -> f.complete(Outcome.VALUE_EMITTED);
			case EMPTY -> f.complete(null);
			case ERROR -> f.completeExceptionally(new IllegalStateException(Outcome.ERROR_MESSAGE));
		}
	}

	// ------------------------------------------------------------------ call

	@ParameterizedTest(name = "call {0}")
	@EnumSource(Outcome.class)
	void callRunsNowAndIsResolved(Outcome outcome) {
		AtomicInteger runs = new AtomicInteger();
		Mono<Integer> m = Eager.fromCallable(() -> {
			runs.incrementAndGet();
			return switch (outcome) {
				case VALUE -> Outcome.VALUE_EMITTED;
				case EMPTY -> null;
				case ERROR -> throw new IllegalStateException(Outcome.ERROR_MESSAGE);
			};
		});
		assertThat(runs).hasValue(1);
		assertThat(Eager.isResolved(m)).isTrue();
		Signals.verify(m, Signals.record(outcome.stock()), () -> { });
		Signals.verify(m, Signals.record(outcome.stock()), () -> { });
		assertThat(runs).hasValue(1);
	}

	// ------------------------------------------------------------------ isResolved / isPending

	@ParameterizedTest(name = "isResolved on {0} {1}")
	@MethodSource("inputs")
	void isResolvedTellsWhetherTheOutcomeIsKnownNow(InputKind kind, Outcome outcome) {
		Input in = Input.of(kind, outcome);
		switch (kind) {
			case RESOLVED -> {
				assertThat(Eager.isResolved(in.mono())).isTrue();
				assertThat(Eager.isPending(in.mono())).isFalse();
			}
			case PENDING_SINK, PENDING_START -> {
				assertThat(Eager.isResolved(in.mono())).isFalse();
				assertThat(Eager.isPending(in.mono())).isTrue();
				in.release();
				org.awaitility.Awaitility.await().atMost(Signals.TIMEOUT).until(() -> Eager.isResolved(in.mono()));
				assertThat(Eager.isPending(in.mono())).isFalse();
			}
			case LAZY_CALLABLE, LAZY_CONTEXTUAL -> {
				assertThat(Eager.isResolved(in.mono())).isFalse();
				assertThat(Eager.isPending(in.mono())).isFalse();
				assertThat(in.runs).hasValue(0);
			}
		}
		assertThat(Eager.isResolved(Flux.range(1, 2))).isFalse();
	}

	// ------------------------------------------------------------------ when / zip / gather

	/**
	 * The partners each input is combined with. A pending partner only ever has a value, so that
	 * which child decides the outcome (the first error, or for zip the first empty) never depends on
	 * which of two pendings released together completes first.
	 */
	static List<Input> partners() {
		List<Input> l = new ArrayList<>();
		l.add(Input.of(InputKind.RESOLVED, Outcome.VALUE));
		l.add(Input.of(InputKind.RESOLVED, Outcome.EMPTY));
		l.add(Input.of(InputKind.RESOLVED, Outcome.ERROR));
		l.add(Input.of(InputKind.PENDING_SINK, Outcome.VALUE));
		l.add(Input.of(InputKind.PENDING_START, Outcome.VALUE));
		l.add(Input.of(InputKind.LAZY_CALLABLE, Outcome.VALUE));
		return l;
	}

	static Stream<Arguments> combinations() {
		List<Arguments> l = new ArrayList<>();
		for (String combinator : List.of("zip", "zipIterable", "when", "gather")) {
			for (Object[] in : Input.all()) {
				for (int p = 0; p < partners().size(); p++) {
					for (boolean inputFirst : new boolean[] {true, false}) {
						l.add(Arguments.of(combinator, in[0], in[1], p, inputFirst));
					}
				}
			}
		}
		return l.stream();
	}

	@ParameterizedTest(name = "{0}: {1} {2} with partner {3}, input first {4}")
	@MethodSource("combinations")
	void combinatorDeliversTheStockSignals(String combinator, InputKind kind, Outcome outcome, int partner, boolean inputFirst) {
		// the eager side and the stock side each get fresh inputs of the same kinds, released the same way
		Input a = Input.of(kind, outcome);
		Input b = partners().get(partner);
		Input sa = Input.of(kind, outcome);
		Input sb = Input.of(b.kind, b.outcome);
		BiFunction<Mono<Integer>, Mono<Integer>, Mono<?>> eager = switch (combinator) {
			case "zip" -> (x, y) -> Eager.zip(x, y).transform(Eager.map(t -> t.getT1() + ":" + t.getT2()));
			case "zipIterable" -> (x, y) -> Eager.zip(List.of(x, y), v -> v[0] + ":" + v[1]);
			case "when" -> (x, y) -> Eager.when(x, y);
			case "gather" -> (x, y) -> Eager.gather(List.of(x, y));
			default -> throw new AssertionError(combinator);
		};
		BiFunction<Mono<Integer>, Mono<Integer>, Mono<?>> stock = switch (combinator) {
			case "zip" -> (x, y) -> Mono.zip(x, y).map(t -> t.getT1() + ":" + t.getT2());
			case "zipIterable" -> (x, y) -> Mono.zip(List.of(x, y), v -> v[0] + ":" + v[1]);
			case "when" -> Mono::when;
			case "gather" -> (x, y) -> Flux.mergeSequential(x, y).collectList();
			default -> throw new AssertionError(combinator);
		};
		Mono<?> result = inputFirst ? eager.apply(a.mono(), b.mono()) : eager.apply(b.mono(), a.mono());
		if (!kind.isLazy() && !b.kind.isLazy() && !kind.isPending() && !b.kind.isPending()) {
			assertThat(Eager.isResolved(result)).as("resolved children are fused on the spot").isTrue();
		}
		Mono<?> reference = inputFirst ? stock.apply(sa.mono(), sb.mono()) : stock.apply(sb.mono(), sa.mono());
		List<String> expected = recordReleasing(reference, sa, sb);
		Signals.verify(result, expected, () -> {
			a.release();
			b.release();
		});
	}

	private static List<String> recordReleasing(Mono<?> m, Input x, Input y) {
		Signals.Recorder r = new Signals.Recorder(Context.empty());
		m.subscribe(r);
		x.release();
		y.release();
		r.await();
		return r.signals();
	}

	@Test
	void zipOfEightPendingChildrenCombinesInArgumentOrder() {
		List<EagerSink<Integer>> sinks = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			sinks.add(Eager.sink(() -> { }));
		}
		Mono<String> z = Eager.zip(sinks.get(0).asMono(), sinks.get(1).asMono(), sinks.get(2).asMono(), sinks.get(3).asMono(),
				sinks.get(4).asMono(), sinks.get(5).asMono(), sinks.get(6).asMono(), sinks.get(7).asMono())
				.transform(Eager.map(Object::toString));
		assertThat(Eager.isPending(z)).isTrue();
		StepVerifier.create(z)
				.then(() -> {
					for (int i = 7; i >= 0; i--) {
						int v = i;
						Schedulers.parallel().schedule(() -> sinks.get(v).tryEmitValue(v));
					}
				})
				.expectNext(Tuples.fromArray(new Object[] {0, 1, 2, 3, 4, 5, 6, 7}).toString())
				.expectComplete()
				.verify(Signals.TIMEOUT);
	}

	@Test
	void cancellingAPendingJoinCancelsEveryPendingChild() {
		AtomicInteger cancelled = new AtomicInteger();
		EagerSink<Integer> s1 = Eager.sink(cancelled::incrementAndGet);
		EagerSink<Integer> s2 = Eager.sink(cancelled::incrementAndGet);
		for (Mono<?> join : List.of(Eager.zip(s1.asMono(), s2.asMono()), Eager.when(s1.asMono(), s2.asMono()),
				Eager.gather(List.of(s1.asMono(), s2.asMono())))) {
			Signals.Recorder r = new Signals.Recorder(Context.empty());
			join.subscribe(r);
			r.subscription().cancel();
			assertThat(r.signals()).isEmpty();
		}
		assertThat(cancelled).as("each child cancelled once its last observer, the first join, went").hasValue(2);
	}

	@Test
	void aFailingChildCancelsItsPendingSiblings() {
		AtomicInteger cancelled = new AtomicInteger();
		EagerSink<Integer> slow = Eager.sink(cancelled::incrementAndGet);
		EagerSink<Integer> failing = Eager.sink(() -> { });
		Mono<?> z = Eager.zip(slow.asMono(), failing.asMono());
		StepVerifier.create(z)
				.then(() -> Schedulers.parallel().schedule(() -> failing.tryEmitError(new IllegalStateException("child"))))
				.expectErrorMessage("child")
				.verify(Signals.TIMEOUT);
		// the siblings are cancelled on the failing child's thread, right after the error is delivered
		org.awaitility.Awaitility.await().atMost(Signals.TIMEOUT).untilAtomic(cancelled, org.hamcrest.Matchers.equalTo(1));
		assertThat(slow.tryEmitValue(1)).isFalse();
	}

	// ------------------------------------------------------------------ whenComplete

	@ParameterizedTest(name = "whenComplete on {0} {1}")
	@MethodSource("inputs")
	void whenCompleteCallsBackOnceWithTheOutcome(InputKind kind, Outcome outcome) throws InterruptedException {
		Input in = Input.of(kind, outcome);
		AtomicInteger calls = new AtomicInteger();
		AtomicReference<String> seen = new AtomicReference<>();
		CountDownLatch latch = new CountDownLatch(1);
		Disposable d = Eager.whenComplete(in.mono(), Input.testContext(), (v, e) -> {
			calls.incrementAndGet();
			seen.set(e != null ? Signals.onError(e) : v == null ? "empty" : Signals.onNext(v));
			latch.countDown();
		});
		if (kind == InputKind.RESOLVED || kind.isLazy()) {
			assertThat(calls).as("resolved and synchronous lazy inputs call back inline").hasValue(1);
		}
		else {
			assertThat(calls).hasValue(0);
			in.release();
		}
		assertThat(latch.await(Signals.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		String expected = switch (outcome) {
			case VALUE -> Signals.onNext(Outcome.VALUE_EMITTED);
			case EMPTY -> "empty";
			case ERROR -> Signals.onError(new IllegalStateException(Outcome.ERROR_MESSAGE));
		};
		assertThat(seen).hasValue(expected);
		if (kind == InputKind.LAZY_CONTEXTUAL) {
			assertThat(in.seenContext.get().getOrDefault("test.key", "missing")).isEqualTo("test.value");
		}
		d.dispose();
		assertThat(calls).hasValue(1);
	}

	@ParameterizedTest(name = "disposing whenComplete on pending {0}")
	@EnumSource(value = InputKind.class, names = {"PENDING_SINK", "PENDING_START"})
	void disposingWhenCompleteBeforeTheOutcomeCancelsTheWaitAndTheWork(InputKind kind) {
		Input in = Input.of(kind, Outcome.VALUE);
		AtomicInteger calls = new AtomicInteger();
		Disposable d = Eager.whenComplete(in.mono(), Context.empty(), (v, e) -> calls.incrementAndGet());
		d.dispose();
		assertThat(d.isDisposed()).isTrue();
		assertThat(in.cancellations).hasValue(1);
		in.completeNow();
		assertThat(calls).hasValue(0);
	}

	@Test
	void disposingWhenCompleteOnALazyInputCancelsTheSubscription() {
		AtomicInteger cancelled = new AtomicInteger();
		AtomicInteger calls = new AtomicInteger();
		Disposable d = Eager.whenComplete(Mono.never().doOnCancel(cancelled::incrementAndGet), Context.empty(), (v, e) -> calls.incrementAndGet());
		d.dispose();
		assertThat(cancelled).hasValue(1);
		assertThat(calls).hasValue(0);
	}

	// ------------------------------------------------------------------ sink

	@ParameterizedTest(name = "sink {0}")
	@EnumSource(Outcome.class)
	void sinkCompletedFromAnotherThreadDeliversOnceAndReplays(Outcome outcome) {
		Input in = Input.of(InputKind.PENDING_SINK, outcome);
		EagerSink<Integer> sink = (EagerSink<Integer>) in.mono();
		assertThat(sink.isDone()).isFalse();
		assertThat(sink.asMono()).isSameAs(sink.asMono());
		List<String> expected = Signals.record(outcome.stock());
		Signals.verify(sink.asMono(), expected, in::release);
		assertThat(sink.isDone()).isTrue();
		assertThat(sink.tryEmitValue(1)).isFalse();
		assertThat(sink.tryEmitEmpty()).isFalse();
		assertThat(sink.tryEmitError(new IllegalStateException())).isFalse();
		Signals.verify(sink.asMono(), expected, () -> { });
		assertThat(in.cancellations).hasValue(0);
	}

	@Test
	void sinkRunsOnCancelOnceWhenItsLastObserverCancelsAndRejectsLaterEmissions() {
		AtomicInteger cancelled = new AtomicInteger();
		EagerSink<Integer> sink = Eager.sink(cancelled::incrementAndGet);
		Signals.Recorder r = new Signals.Recorder(Context.empty());
		sink.asMono().subscribe(r);
		r.subscription().cancel();
		r.subscription().cancel();
		assertThat(cancelled).hasValue(1);
		assertThat(sink.isDone()).isTrue();
		assertThat(sink.tryEmitValue(1)).isFalse();
		assertThat(r.signals()).isEmpty();
	}

	@Test
	void sinkHoldsTheValueUntilRequested() {
		EagerSink<Integer> sink = Eager.sink(() -> { });
		StepVerifier.create(sink.asMono(), 0)
				.then(() -> sink.tryEmitValue(3))
				.expectNoEvent(java.time.Duration.ZERO)
				.thenRequest(1)
				.expectNext(3)
				.verifyComplete();
	}
}
