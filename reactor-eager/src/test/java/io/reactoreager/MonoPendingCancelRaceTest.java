package io.reactoreager;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import io.reactoreager.testing.DroppedErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestReporter;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.util.RaceTestUtils;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber disposing a step on a pending value while that value completes on another thread:
 * whatever the step started must be cancelled, whoever wins the race (cancellation reaches every
 * continuation registered before, during or after it). Each scenario runs beside its stock twin
 * ({@code Sinks.one()} with the stock operator).
 */
class MonoPendingCancelRaceTest {

	static final int ROUNDS = 5_000;

	/** Errors of inputs whose only observer left are reported as never retrieved: not this test's subject. */
	@RegisterExtension
	final DroppedErrors dropped = new DroppedErrors();

	/** Started work that never finishes: counts its starts and its cancellations. */
	static final class Work {

		final AtomicInteger started = new AtomicInteger();
		final AtomicInteger cancelled = new AtomicInteger();

		Mono<Integer> lazy() {
			return Mono.<Integer>never().doOnSubscribe(s -> started.incrementAndGet()).doOnCancel(cancelled::incrementAndGet);
		}

		/** Rounds whose work was started and never cancelled, although its only observer left. */
		int leaked() {
			return started.get() - cancelled.get();
		}
	}

	/** The input of one round: a pending eager value, or its stock twin {@code Sinks.one()}. */
	record Input(Mono<Integer> mono, Function<Integer, ?> value, Function<Throwable, ?> error) {

		static Input eager() {
			EagerSink<Integer> sink = Eager.sink(() -> { });
			return new Input(sink.asMono(), sink::tryEmitValue, sink::tryEmitError);
		}

		static Input stock() {
			Sinks.One<Integer> sink = Sinks.one();
			return new Input(sink.asMono(), sink::tryEmitValue, sink::tryEmitError);
		}

		void complete(boolean fail) {
			if (fail) {
				error.apply(new IllegalStateException("boom"));
			}
			else {
				value.apply(1);
			}
		}
	}

	/**
	 * Runs {@code rounds} subscribe/dispose races: {@code step} is applied to the round's input,
	 * the input completes ({@code fail}: with an error) on one thread while the subscriber
	 * disposes on another. Returns the number of rounds that leaked started work.
	 */
	static int leaks(int rounds, Supplier<Input> inputs, Function<Work, Function<Mono<Integer>, Mono<Integer>>> step, boolean fail) {
		int leaks = 0;
		for (int i = 0; i < rounds; i++) {
			Work work = new Work();
			Input input = inputs.get();
			Disposable d = input.mono().transform(step.apply(work)).subscribe(v -> { }, e -> { });
			RaceTestUtils.race(d::dispose, () -> input.complete(fail));
			// observe the input's error, so that it is not reported as never retrieved after the test
			input.mono().subscribe(v -> { }, e -> { });
			assertThat(work.started.get()).isLessThanOrEqualTo(1);
			leaks += work.leaked();
		}
		return leaks;
	}

	static int eagerLeaks(int rounds, Function<Work, Function<Mono<Integer>, Mono<Integer>>> step, boolean fail) {
		return leaks(rounds, Input::eager, step, fail);
	}

	static int stockLeaks(int rounds, Function<Work, Function<Mono<Integer>, Mono<Integer>>> step, boolean fail) {
		return leaks(rounds, Input::stock, step, fail);
	}

	/*
	 * Stock's twins run beside each eager race below, and their leaks are reported, not asserted:
	 * stock 3.8.8's onErrorResume over Sinks.one() leaks its fallback in a rare round too (1 of
	 * 5,000, seen on an idle 2-core machine), as its flatMap does (see the last test).
	 */

	@Test
	void onErrorResumeOnAPendingCancelledWhileItFailsNeverLeaksTheWorkItStarted(TestReporter reporter) {
		int eager = eagerLeaks(ROUNDS, w -> Eager.onErrorResume(e -> Eager.start(w.lazy())), true);
		int stock = stockLeaks(ROUNDS, w -> m -> m.onErrorResume(e -> w.lazy()), true);
		reporter.publishEntry("stock onErrorResume over Sinks.one leaked", stock + " of " + ROUNDS);
		assertThat(eager).as("eager onErrorResume over a pending").isZero();
	}

	@Test
	void onErrorResumeReturningLazyWorkOnAPendingCancelledWhileItFailsNeverLeaksIt(TestReporter reporter) {
		int eager = eagerLeaks(ROUNDS, w -> Eager.onErrorResume(e -> w.lazy()), true);
		int stock = stockLeaks(ROUNDS, w -> m -> m.onErrorResume(e -> w.lazy()), true);
		reporter.publishEntry("stock onErrorResume over Sinks.one leaked", stock + " of " + ROUNDS);
		assertThat(eager).isZero();
	}

	@Test
	void flatMapOnAPendingCancelledWhileItCompletesNeverLeaksTheWorkItStarted() {
		int eager = eagerLeaks(ROUNDS, w -> Eager.flatMap(x -> Eager.start(w.lazy())), false);
		assertThat(eager).isZero();
	}

	@Test
	void aStepChainedAfterAStartingStepIsCancelledWithIt(TestReporter reporter) {
		// the continuation registered on the started work by the pending of the next step
		int eager = eagerLeaks(ROUNDS, w -> m -> m.transform(Eager.flatMap(x -> Eager.start(w.lazy()))).transform(Eager.map(x -> x + 1)), false);
		int stock = stockLeaks(ROUNDS, w -> m -> m.onErrorResume(e -> w.lazy()).map(x -> x + 1), true);
		reporter.publishEntry("stock onErrorResume.map over Sinks.one leaked", stock + " of " + ROUNDS);
		assertThat(eager).isZero();
	}

	@Test
	void aLazyChainCancelledWhileItsFlatMapReturnsStartedWorkNeverLeaksIt() {
		// the lazy chain's run loop registering on the pending its step returned
		int leaks = 0;
		for (int i = 0; i < ROUNDS; i++) {
			Work work = new Work();
			Sinks.One<Integer> source = Sinks.one();
			Disposable d = source.asMono().transform(Eager.flatMap(x -> Eager.start(work.lazy()))).subscribe(v -> { }, e -> { });
			RaceTestUtils.race(d::dispose, () -> source.tryEmitValue(1));
			leaks += work.leaked();
		}
		assertThat(leaks).isZero();
	}

	/**
	 * The pending of a step is cancelled by an observer of its input that runs before it (so the
	 * input has already handed it the outcome): the step must not run.
	 */
	@Test
	void aStepWhosePendingWasCancelledBeforeItsResumptionDoesNotRun() {
		Work eager = new Work();
		EagerSink<Integer> sink = Eager.sink(() -> { });
		AtomicReference<Disposable> subscription = new AtomicReference<>();
		Eager.whenComplete(sink.asMono(), Context.empty(), (v, e) -> subscription.get().dispose());
		subscription.set(sink.asMono().transform(Eager.flatMap(x -> Eager.start(eager.lazy()))).subscribe());
		sink.tryEmitValue(1);

		Work stock = new Work();
		Sinks.One<Integer> stockSink = Sinks.one();
		AtomicReference<Disposable> stockSubscription = new AtomicReference<>();
		stockSink.asMono().subscribe(v -> stockSubscription.get().dispose());
		stockSubscription.set(stockSink.asMono().flatMap(x -> stock.lazy()).subscribe());
		stockSink.tryEmitValue(1);

		assertThat(stock.started).hasValue(0);
		assertThat(eager.started).hasValue(0);
	}

	/** The subscriber disposes while the step runs: the work the step then returns is cancelled. */
	@Test
	void workAStepStartsWhileItsSubscriberDisposesIsCancelled() {
		Work eager = new Work();
		EagerSink<Integer> sink = Eager.sink(() -> { });
		AtomicReference<Disposable> subscription = new AtomicReference<>();
		subscription.set(sink.asMono().transform(Eager.flatMap(x -> {
			subscription.get().dispose();
			return Eager.start(eager.lazy());
		})).subscribe());
		sink.tryEmitValue(1);

		Work stock = new Work();
		Sinks.One<Integer> stockSink = Sinks.one();
		AtomicReference<Disposable> stockSubscription = new AtomicReference<>();
		stockSubscription.set(stockSink.asMono().flatMap(x -> {
			stockSubscription.get().dispose();
			return stock.lazy();
		}).subscribe());
		stockSink.tryEmitValue(1);

		assertThat(stock.leaked()).isZero();
		assertThat(eager.started).hasValue(1);
		assertThat(eager.leaked()).isZero();
	}

	/**
	 * Goes beyond stock: stock {@code Mono.flatMap} (3.8.8) leaks its inner in a small fraction of
	 * subscribe/dispose races ({@code FlatMapMain.cancel} gives up when its compare-and-set loses
	 * to {@code setSecond}); the eager flatMap over a pending input never does. Stock's count is
	 * reported, not asserted: its leak is rare.
	 */
	@Test
	void eagerFlatMapNeverLeaksItsInnerWhereStockSometimesDoes(TestReporter reporter) {
		int rounds = 50_000;
		int eager = eagerLeaks(rounds, w -> Eager.flatMap(x -> w.lazy()), false);
		int stock = stockLeaks(rounds, w -> m -> m.flatMap(x -> w.lazy()), false);
		String report = "subscribe/dispose races: stock Mono.flatMap leaked its inner in " + stock + " of " + rounds
				+ " rounds, the eager flatMap in " + eager;
		reporter.publishEntry("flatMapLeaks", report);
		System.out.println(report);
		assertThat(eager).isZero();
	}
}
