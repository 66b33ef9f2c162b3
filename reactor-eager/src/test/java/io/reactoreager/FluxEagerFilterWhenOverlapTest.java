package io.reactoreager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.reactoreager.testing.CountingOn;
import io.reactoreager.testing.SignalLog;
import io.reactoreager.testing.SignalRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The eager Flux filterWhen starts each value's test when the value arrives: pending tests of
 * buffered values overlap, lazy tests still wait for their turn, and emission stays in order.
 */
@ExtendWith(CountingOn.class)
class FluxEagerFilterWhenOverlapTest {

	/** Predicate calls and sinks, in call order. */
	static final class PendingTests implements Function<Integer, Publisher<Boolean>> {

		final List<EagerSink<Boolean>> sinks = new CopyOnWriteArrayList<>();
		final AtomicInteger cancelled = new AtomicInteger();

		@Override
		public Publisher<Boolean> apply(Integer x) {
			EagerSink<Boolean> s = Eager.sink(cancelled::incrementAndGet);
			sinks.add(s);
			return s.asMono();
		}
	}

	@Test
	void pendingTestsOfBufferedValuesOverlapAndAreEmittedInOrderWhenCompletedInReverse() {
		PendingTests tests = new PendingTests();
		EagerStats.Snapshot before = EagerStats.snapshot();
		StepVerifier.create(Flux.range(1, 3).transform(EagerFlux.filterWhen(tests)))
				// all three predicate calls happened, none of their tests has completed
				.then(() -> assertThat(tests.sinks).hasSize(3).noneMatch(EagerSink::isDone))
				.then(() -> tests.sinks.get(2).tryEmitValue(true))
				.then(() -> tests.sinks.get(1).tryEmitValue(false))
				.expectNoEvent(Duration.ZERO)
				.then(() -> tests.sinks.get(0).tryEmitValue(true))
				.expectNext(1, 3)
				.verifyComplete();
		assertThat(EagerStats.snapshot().minus(before).count(EagerOperator.FLUX_FILTER_WHEN, EagerStats.Kind.SUSPENDED)).isEqualTo(3);
		assertThat(tests.cancelled).hasValue(0);
	}

	@Test
	void stockStartsOneTestAtATime() {
		// the contrast the test above relies on: stock calls the predicate for the head value only
		PendingTests tests = new PendingTests();
		StepVerifier.create(Flux.range(1, 3).filterWhen(tests))
				.then(() -> assertThat(tests.sinks).hasSize(1))
				.then(() -> tests.sinks.get(0).tryEmitValue(true))
				.then(() -> tests.sinks.get(1).tryEmitValue(true))
				.then(() -> tests.sinks.get(2).tryEmitValue(true))
				.expectNext(1, 2, 3)
				.verifyComplete();
	}

	@Test
	void lazyTestIsSubscribedOnlyWhenItsTurnComesAndOneAtATime() {
		EagerSink<Boolean> first = Eager.sink(() -> { });
		List<Sinks.One<Boolean>> lazy = List.of(Sinks.one(), Sinks.one());
		AtomicInteger calls = new AtomicInteger();
		AtomicInteger[] subscriptions = {new AtomicInteger(), new AtomicInteger()};
		Function<Integer, Publisher<Boolean>> p = x -> {
			calls.incrementAndGet();
			if (x == 0) {
				return first.asMono();
			}
			return lazy.get(x - 1).asMono().doOnSubscribe(s -> subscriptions[x - 1].incrementAndGet());
		};
		StepVerifier.create(Flux.range(0, 3).transform(EagerFlux.filterWhen(p)))
				.then(() -> {
					assertThat(calls).hasValue(3);
					assertThat(subscriptions[0]).hasValue(0);
					assertThat(subscriptions[1]).hasValue(0);
				})
				.then(() -> first.tryEmitValue(true))
				.expectNext(0)
				.then(() -> {
					// value 1's turn: its lazy test is subscribed, value 2's still waits
					assertThat(subscriptions[0]).hasValue(1);
					assertThat(subscriptions[1]).hasValue(0);
				})
				.then(() -> lazy.get(0).tryEmitValue(true))
				.expectNext(1)
				.then(() -> assertThat(subscriptions[1]).hasValue(1))
				.then(() -> lazy.get(1).tryEmitValue(true))
				.expectNext(2)
				.verifyComplete();
		assertThat(subscriptions[0]).hasValue(1);
		assertThat(subscriptions[1]).hasValue(1);
	}

	@Test
	void cancellingWithSeveralPendingTestsOutstandingCancelsEveryOneAndDiscardsTheBuffer() {
		PendingTests tests = new PendingTests();
		List<Object> discarded = new CopyOnWriteArrayList<>();
		Disposable d = Flux.range(1, 4).transform(EagerFlux.filterWhen(tests))
				.contextWrite(Operators.enableOnDiscard(Context.empty(), discarded::add))
				.subscribe();
		tests.sinks.get(1).tryEmitValue(true);
		assertThat(tests.sinks).hasSize(4);
		assertThat(tests.cancelled).hasValue(0);
		d.dispose();
		// sink 1 had finished: the other three lose their last observer and are cancelled
		assertThat(tests.cancelled).hasValue(3);
		assertThat(discarded).containsExactlyInAnyOrder(1, 2, 3, 4);
	}

	@Test
	void failingOnABadRequestCancelsEveryOutstandingPendingTest() {
		PendingTests tests = new PendingTests();
		SignalRecorder<Integer> r = new SignalRecorder<>();
		Flux.range(1, 3).transform(EagerFlux.filterWhen(tests)).subscribe(r);
		assertThat(tests.sinks).hasSize(3);
		r.request(0);
		assertThat(tests.cancelled).hasValue(3);
		assertThat(r.signals()).singleElement().asString().startsWith("error(IllegalArgumentException");
	}

	@Test
	void errorOfABufferedTestNeverReachedIsDroppedOnCancel() {
		List<Throwable> dropped = new CopyOnWriteArrayList<>();
		Hooks.onErrorDropped(dropped::add);
		try {
			EagerSink<Boolean> head = Eager.sink(() -> { });
			Function<Integer, Publisher<Boolean>> p = x -> x == 1 ? head.asMono() : Mono.error(new IllegalStateException("t" + x));
			Disposable d = Flux.range(1, 2).transform(EagerFlux.filterWhen(p)).subscribe();
			assertThat(dropped).isEmpty();
			d.dispose();
			assertThat(dropped).singleElement().extracting(Throwable::getMessage).isEqualTo("t2");
		}
		finally {
			Hooks.resetOnErrorDropped();
		}
	}

	@Test
	void predicateErrorAtALaterValueWhileAnEarlierTestIsPendingGivesStocksSignals() {
		for (boolean pendingFails : new boolean[] {false, true}) {
			ErrorRun stock = errorCase(pendingFails, (f, p) -> f.filterWhen(p));
			ErrorRun eager = errorCase(pendingFails, (f, p) -> f.transform(EagerFlux.filterWhen(p)));
			assertThat(eager.signals()).as("pending test fails: %s", pendingFails).isEqualTo(stock.signals());
			// the point of the case: eager met the failing predicates while value 1's test was pending
			assertThat(eager.testedAhead()).isTrue();
			assertThat(stock.testedAhead()).isFalse();
		}
	}

	record ErrorRun(List<String> signals, boolean testedAhead) { }

	/**
	 * Value 1's test is pending; the predicate throws for value 3, returns null for 4 and a
	 * resolved error for 5. The pending test completes after subscription (true, or an error).
	 */
	static ErrorRun errorCase(boolean pendingFails,
			BiFunction<Flux<Integer>, Function<Integer, Publisher<Boolean>>, Flux<Integer>> op) {
		EagerSink<Boolean> head = Eager.sink(() -> { });
		List<String> log = new ArrayList<>();
		Function<Integer, Publisher<Boolean>> p = x -> {
			log.add("test " + x + (head.isDone() ? "" : " (head pending)"));
			switch (x) {
				case 1: return head.asMono();
				case 3: throw new IllegalStateException("three");
				case 4: return null;
				case 5: return Mono.error(new IllegalStateException("five"));
				default: return Mono.just(true);
			}
		};
		List<String> signals = new ArrayList<>();
		SignalLog r = new SignalLog(signals);
		op.apply(Flux.range(1, 6), p).subscribe(r);
		r.request(Long.MAX_VALUE);
		if (pendingFails) {
			head.tryEmitError(new IllegalStateException("head"));
		}
		else {
			head.tryEmitValue(true);
		}
		assertThat(log).hasSize(6);
		return new ErrorRun(signals, log.contains("test 3 (head pending)"));
	}

	@Test
	void pendingTestsCompletedFromTwoThreadsAreEmittedInOrderWithoutLoss() throws InterruptedException {
		Random random = new Random(42);
		for (int run = 0; run < 300; run++) {
			int n = 64;
			int bufferSize = run % 2 == 0 ? 8 : n;
			boolean[] verdict = new boolean[n];
			List<EagerSink<Boolean>> sinks = new ArrayList<>();
			List<Integer> expected = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				verdict[i] = random.nextInt(3) != 0;
				sinks.add(Eager.sink(() -> { }));
				if (verdict[i]) {
					expected.add(i);
				}
			}
			List<Integer> order = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				order.add(i);
			}
			Collections.shuffle(order, random);
			SignalRecorder<Integer> r = new SignalRecorder<>();
			CountDownLatch done = new CountDownLatch(1);
			Flux.range(0, n).transform(EagerFlux.filterWhen(i -> sinks.get(i).asMono(), bufferSize))
					.doOnTerminate(done::countDown)
					.subscribe(r);
			List<Runnable> tasks = new ArrayList<>();
			for (int t = 0; t < 2; t++) {
				List<Integer> mine = order.subList(t * n / 2, (t + 1) * n / 2);
				tasks.add(() -> {
					for (int i : mine) {
						sinks.get(i).tryEmitValue(verdict[i]);
					}
				});
			}
			tasks.add(() -> {
				for (int i = 0; i < n; i += 5) {
					r.request(5);
				}
			});
			runTogether(tasks);
			assertThat(done.await(10, TimeUnit.SECONDS)).as("run %d terminated", run).isTrue();
			assertThat(r.signals()).as("run %d", run).isEqualTo(nextsThenComplete(expected));
		}
	}

	/**
	 * Values arrive on one thread while pending tests complete and requests arrive on two
	 * others: a value recorded behind a head that waits must be drained by that head's outcome, and
	 * a value the drain loop waits for by its onNext, whichever thread gets there first.
	 */
	@Test
	void valuesArrivingWhileTestsCompleteAndRequestsArriveOnOtherThreadsAreEmittedInOrderWithoutLoss() throws InterruptedException {
		Random random = new Random(7);
		for (int run = 0; run < 400; run++) {
			int n = 128;
			int bufferSize = run % 2 == 0 ? 8 : n;
			boolean[] verdict = new boolean[n];
			List<EagerSink<Boolean>> sinks = new ArrayList<>();
			List<Integer> pending = new ArrayList<>();
			List<Integer> expected = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				verdict[i] = random.nextInt(3) != 0;
				boolean suspends = random.nextInt(4) == 0;
				sinks.add(suspends ? Eager.sink(() -> { }) : null);
				if (suspends) {
					pending.add(i);
				}
				if (verdict[i]) {
					expected.add(i);
				}
			}
			Collections.shuffle(pending, random);
			Sinks.Many<Integer> source = Sinks.many().unicast().onBackpressureBuffer();
			SignalRecorder<Integer> r = new SignalRecorder<>();
			CountDownLatch emitted = new CountDownLatch(expected.size());
			CountDownLatch done = new CountDownLatch(1);
			source.asFlux()
					.transform(EagerFlux.filterWhen(i -> sinks.get(i) == null ? Mono.just(verdict[i]) : sinks.get(i).asMono(), bufferSize))
					.doOnNext(i -> emitted.countDown())
					.doOnTerminate(done::countDown)
					.subscribe(r);
			runTogether(List.of(
					() -> {
						for (int i = 0; i < n; i++) {
							source.tryEmitNext(i).orThrow();
						}
					},
					() -> {
						for (int i : pending) {
							sinks.get(i).tryEmitValue(verdict[i]);
						}
					},
					() -> {
						for (int i = 0; i < n; i += 4) {
							r.request(4);
						}
					}));
			// before upstream completes (which drains whatever is left): a value nobody drained stays
			assertThat(emitted.await(10, TimeUnit.SECONDS)).as("run %d emitted every kept value", run).isTrue();
			source.tryEmitComplete().orThrow();
			assertThat(done.await(10, TimeUnit.SECONDS)).as("run %d terminated", run).isTrue();
			assertThat(r.signals()).as("run %d", run).isEqualTo(nextsThenComplete(expected));
		}
	}

	/** Runs each task on its own thread, all released at once, and waits for them. */
	static void runTogether(List<Runnable> tasks) throws InterruptedException {
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (Runnable task : tasks) {
			threads.add(new Thread(() -> {
				await(start);
				task.run();
			}));
		}
		threads.forEach(Thread::start);
		start.countDown();
		for (Thread t : threads) {
			t.join(10_000);
		}
	}

	static List<String> nextsThenComplete(List<Integer> values) {
		List<String> want = new ArrayList<>();
		values.forEach(i -> want.add("next(" + i + ")"));
		want.add("complete");
		return want;
	}

	static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new AssertionError("start latch timed out");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
	}
}
