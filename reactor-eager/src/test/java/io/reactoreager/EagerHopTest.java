package io.reactoreager;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import io.reactoreager.spi.EagerLoops;
import io.reactoreager.testing.CountingOn;
import io.reactoreager.testing.CountingScheduler;
import io.reactoreager.testing.ManualLoop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** publishOn / subscribeOn / timeout: the thread each signal arrives on, under each policy. */
@ExtendWith(CountingOn.class)
class EagerHopTest {

	static Scheduler single;

	@BeforeAll
	static void startScheduler() {
		single = Schedulers.newSingle("hop");
	}

	@AfterAll
	static void stopScheduler() {
		single.dispose();
	}

	@AfterEach
	void restorePolicy() {
		EagerPolicy.setHopPolicy(HopPolicy.ALWAYS_HOP);
		ManualLoop.uninstall();
	}

	/** Subscribes, verifies the signals, and returns the thread name of each signal. */
	static <T> List<String> signalThreads(Mono<T> mono, java.util.function.Function<StepVerifier.FirstStep<T>, StepVerifier> script) {
		List<String> threads = new CopyOnWriteArrayList<>();
		Mono<T> observed = mono.doOnEach(s -> record(threads, s));
		script.apply(StepVerifier.create(observed)).verify(Duration.ofSeconds(5));
		return threads;
	}

	static void record(List<String> threads, Signal<?> s) {
		if (s.getType() != SignalType.ON_SUBSCRIBE) {
			threads.add(Thread.currentThread().getName());
		}
	}

	static String me() {
		return Thread.currentThread().getName();
	}

	// ------------------------------------------------------------ publishOn

	@Test
	void publishOnResolvedValueHopsToTheSchedulerByDefaultLikeStock() {
		// the policy a JVM starts with when reactor.eager.hopPolicy is not set
		EagerPolicy.setHopPolicy(EagerPolicy.parseHopPolicy(null));
		for (Mono<Integer> resolved : List.of(Mono.just(1), Eager.just(1), Eager.fromCallable(() -> 1))) {
			CountingScheduler s = new CountingScheduler(single);
			List<String> threads = signalThreads(resolved.transform(Eager.publishOn(s)).map(x -> me()),
					v -> v.assertNext(t -> assertThat(t).as("a step after publishOn runs on the scheduler").startsWith("hop")).expectComplete());
			assertThat(threads).allSatisfy(t -> assertThat(t).startsWith("hop")).hasSize(2);
			assertThat(s.tasks()).isEqualTo(1);
		}
		CountingScheduler stock = new CountingScheduler(single);
		assertThat(signalThreads(Mono.just(1).publishOn(stock).map(x -> me()), v -> v.assertNext(t -> assertThat(t).startsWith("hop")).expectComplete()))
				.allSatisfy(t -> assertThat(t).startsWith("hop"));
		assertThat(stock.tasks()).isEqualTo(1);
	}

	@Test
	void subscribeOnResolvedValueSubscribesOnTheSchedulerByDefaultLikeStock() {
		CountingScheduler s = new CountingScheduler(single);
		List<String> threads = signalThreads(Mono.just(1).transform(Eager.subscribeOn(s)), v -> v.expectNext(1).expectComplete());
		assertThat(threads).allSatisfy(t -> assertThat(t).startsWith("hop")).hasSize(2);
		assertThat(s.tasks()).isEqualTo(1);
	}

	/** A scheduler whose every schedule call is rejected, as a disposed one. */
	static Scheduler rejecting() {
		Scheduler s = Schedulers.newSingle("rejecting");
		s.dispose();
		return s;
	}

	@Test
	void publishOnAndSubscribeOnOnARejectingSchedulerSignalRejectedExecutionLikeStock() {
		Scheduler rejecting = rejecting();
		EagerSink<Integer> sink = Eager.sink(() -> { });
		sink.tryEmitValue(3);
		List<Mono<Integer>> inputs = List.of(Mono.just(1), Mono.fromCallable(() -> 2), sink.asMono(),
				Eager.start(Mono.just(4).delayElement(Duration.ofMillis(1))));
		for (Mono<Integer> in : inputs) {
			StepVerifier.create(in.transform(Eager.publishOn(rejecting))).expectError(java.util.concurrent.RejectedExecutionException.class)
					.verify(Duration.ofSeconds(5));
			StepVerifier.create(in.transform(Eager.subscribeOn(rejecting))).expectError(java.util.concurrent.RejectedExecutionException.class)
					.verify(Duration.ofSeconds(5));
		}
		StepVerifier.create(Mono.just(1).publishOn(rejecting)).expectError(java.util.concurrent.RejectedExecutionException.class)
				.verify(Duration.ofSeconds(5));
		StepVerifier.create(Mono.just(1).subscribeOn(rejecting)).expectError(java.util.concurrent.RejectedExecutionException.class)
				.verify(Duration.ofSeconds(5));
	}

	@Test
	void publishOnResolvedValueDeliversInlineOnTheSubscribingThreadWithNoTaskUnderTheOptIn() {
		EagerPolicy.setHopPolicy(HopPolicy.INLINE_WHEN_RESOLVED);
		CountingScheduler s = new CountingScheduler(single);
		Mono<Integer> m = Mono.just(1).transform(Eager.publishOn(s));
		assertThat(Eager.isResolved(m)).isTrue();
		List<String> threads = signalThreads(m, v -> v.expectNext(1).expectComplete());
		assertThat(threads).containsExactly(me(), me());
		assertThat(s.tasks()).isZero();
		assertThat(s.timers()).isZero();
	}

	@Test
	void publishOnResolvedEmptyAndErrorDeliverInlineWithNoTaskUnderTheOptIn() {
		EagerPolicy.setHopPolicy(HopPolicy.INLINE_WHEN_RESOLVED);
		CountingScheduler s = new CountingScheduler(single);
		assertThat(signalThreads(Mono.<Integer>empty().transform(Eager.publishOn(s)), v -> v.expectComplete())).containsExactly(me());
		assertThat(signalThreads(Mono.<Integer>error(new IllegalStateException("x")).transform(Eager.publishOn(s)),
				v -> v.expectError(IllegalStateException.class))).containsExactly(me());
		assertThat(s.tasks()).isZero();
	}

	@Test
	void publishOnResolvedUnderAlwaysHopDeliversOnTheSchedulerLikeStock() {
		EagerPolicy.setHopPolicy(HopPolicy.ALWAYS_HOP);
		CountingScheduler s = new CountingScheduler(single);
		List<String> threads = signalThreads(Mono.just(1).transform(Eager.publishOn(s)), v -> v.expectNext(1).expectComplete());
		assertThat(threads).allSatisfy(t -> assertThat(t).startsWith("hop")).hasSize(2);
		assertThat(s.tasks()).isEqualTo(1);

		CountingScheduler stock = new CountingScheduler(single);
		List<String> stockThreads = signalThreads(Mono.just(1).publishOn(stock), v -> v.expectNext(1).expectComplete());
		assertThat(stockThreads).allSatisfy(t -> assertThat(t).startsWith("hop"));
		assertThat(stock.tasks()).isEqualTo(s.tasks());
	}

	@Test
	void publishOnPendingInputHopsLikeStock() {
		CountingScheduler s = new CountingScheduler(single);
		EagerSink<Integer> sink = Eager.sink(() -> { });
		Mono<Integer> m = sink.asMono().transform(Eager.publishOn(s));
		List<String> threads = signalThreads(m, v -> v.then(() -> sink.tryEmitValue(7)).expectNext(7).expectComplete());
		assertThat(threads).allSatisfy(t -> assertThat(t).startsWith("hop")).hasSize(2);
		assertThat(s.tasks()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void publishOnLazyInputStaysLazyAndHopsLikeStock() {
		CountingScheduler s = new CountingScheduler(single);
		java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
		Mono<Integer> m = Mono.fromCallable(calls::incrementAndGet).transform(Eager.publishOn(s));
		assertThat(calls).hasValue(0);
		List<String> threads = signalThreads(m, v -> v.expectNext(1).expectComplete());
		assertThat(threads).allSatisfy(t -> assertThat(t).startsWith("hop")).hasSize(2);
		assertThat(s.tasks()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void publishOnResolvedHopsOnceTheLoopThreadsBudgetIsSpent() {
		int saved = EagerPolicy.budget();
		EagerPolicy.setHopPolicy(HopPolicy.INLINE_WHEN_RESOLVED);
		try {
			ManualLoop loop = new ManualLoop().install();
			EagerPolicy.setBudget(2);
			EagerLoops.resetBudget();
			CountingScheduler s = new CountingScheduler(single);
			long yields = EagerStats.count(EagerOperator.PUBLISH_ON, EagerStats.Kind.BUDGET_YIELD);
			Mono<Integer> a = Mono.just(1).transform(Eager.publishOn(s));
			Mono<Integer> b = Mono.just(2).transform(Eager.publishOn(s));
			Mono<Integer> c = Mono.just(3).transform(Eager.publishOn(s));
			assertThat(Eager.isResolved(a)).isTrue();
			assertThat(Eager.isResolved(b)).isTrue();
			assertThat(Eager.isResolved(c)).isFalse();
			assertThat(EagerStats.count(EagerOperator.PUBLISH_ON, EagerStats.Kind.BUDGET_YIELD) - yields).isEqualTo(1);
			assertThat(signalThreads(c, v -> v.expectNext(3).expectComplete())).allSatisfy(t -> assertThat(t).startsWith("hop"));
			assertThat(loop.queued()).isZero();
		}
		finally {
			EagerPolicy.setBudget(saved);
			EagerLoops.resetBudget();
		}
	}

	@Test
	void publishOnWithTheSwitchOffIsStock() {
		EagerPolicy.setEnabled(false);
		try {
			CountingScheduler s = new CountingScheduler(single);
			List<String> threads = signalThreads(Mono.just(1).transform(Eager.publishOn(s)), v -> v.expectNext(1).expectComplete());
			assertThat(threads).allSatisfy(t -> assertThat(t).startsWith("hop"));
			assertThat(s.tasks()).isEqualTo(1);
		}
		finally {
			EagerPolicy.setEnabled(true);
		}
	}

	// ------------------------------------------------------------ subscribeOn

	@Test
	void subscribeOnResolvedDeliversInlineWithNoTaskUnderTheOptIn() {
		EagerPolicy.setHopPolicy(HopPolicy.INLINE_WHEN_RESOLVED);
		CountingScheduler s = new CountingScheduler(single);
		List<String> threads = signalThreads(Mono.just(1).transform(Eager.subscribeOn(s)), v -> v.expectNext(1).expectComplete());
		assertThat(threads).containsExactly(me(), me());
		assertThat(s.tasks()).isZero();
	}

	@Test
	void subscribeOnResolvedUnderAlwaysHopSubscribesOnTheScheduler() {
		EagerPolicy.setHopPolicy(HopPolicy.ALWAYS_HOP);
		CountingScheduler s = new CountingScheduler(single);
		List<String> threads = signalThreads(Mono.just(1).transform(Eager.subscribeOn(s)), v -> v.expectNext(1).expectComplete());
		assertThat(threads).allSatisfy(t -> assertThat(t).startsWith("hop")).hasSize(2);
		assertThat(s.tasks()).isEqualTo(1);
	}

	@Test
	void subscribeOnLazyInputSubscribesOnTheScheduler() {
		CountingScheduler s = new CountingScheduler(single);
		java.util.concurrent.atomic.AtomicReference<String> subscribedOn = new java.util.concurrent.atomic.AtomicReference<>();
		Mono<Integer> lazy = Mono.fromCallable(() -> {
			subscribedOn.set(Thread.currentThread().getName());
			return 1;
		});
		List<String> threads = signalThreads(lazy.transform(Eager.subscribeOn(s)), v -> v.expectNext(1).expectComplete());
		assertThat(subscribedOn.get()).startsWith("hop");
		assertThat(threads).allSatisfy(t -> assertThat(t).startsWith("hop"));
		assertThat(s.tasks()).isEqualTo(1);
	}

	// ------------------------------------------------------------ timeout (virtual time)

	@Test
	void timeoutOnResolvedValueArmsNoTimer() {
		StepVerifier.withVirtualTime(() -> Mono.just(1).transform(Eager.timeout(Duration.ofSeconds(1))))
				.expectNext(1)
				.verifyComplete();
		// withVirtualTime resets the scheduler at the end; count on a scheduler we keep
		VirtualTimeScheduler vts = VirtualTimeScheduler.create();
		StepVerifier.withVirtualTime(() -> Mono.just(1).transform(Eager.timeout(Duration.ofSeconds(1), vts)), () -> vts, Long.MAX_VALUE)
				.expectNext(1)
				.verifyComplete();
		assertThat(vts.getScheduledTaskCount()).isZero();
	}

	@Test
	void timeoutOnResolvedArmsNoTimerUnderEitherHopPolicyWhereStockArmsOne() {
		for (HopPolicy policy : HopPolicy.values()) {
			EagerPolicy.setHopPolicy(policy);
			VirtualTimeScheduler vts = VirtualTimeScheduler.create();
			StepVerifier.withVirtualTime(() -> Mono.just(1).transform(Eager.timeout(Duration.ofSeconds(1), vts)), () -> vts, Long.MAX_VALUE)
					.expectNext(1)
					.verifyComplete();
			assertThat(vts.getScheduledTaskCount()).as(policy.name()).isZero();
		}
		VirtualTimeScheduler stock = VirtualTimeScheduler.create();
		StepVerifier.withVirtualTime(() -> Mono.just(1).timeout(Duration.ofSeconds(1), stock), () -> stock, Long.MAX_VALUE)
				.expectNext(1)
				.verifyComplete();
		assertThat(stock.getScheduledTaskCount()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void timeoutOnResolvedDeliversOnTheSubscribingThreadWithNoTimer() {
		CountingScheduler s = new CountingScheduler(single);
		List<String> threads = signalThreads(Mono.just(1).transform(Eager.timeout(Duration.ofMillis(1), s)), v -> v.expectNext(1).expectComplete());
		assertThat(threads).containsExactly(me(), me());
		assertThat(s.timers()).isZero();
		assertThat(s.tasks()).isZero();
	}

	@Test
	void timeoutOnPendingInputFiresAfterTheDurationLikeStock() {
		StepVerifier.withVirtualTime(() -> Eager.<Integer>sink(() -> { }).asMono().transform(Eager.timeout(Duration.ofSeconds(1))))
				.expectSubscription()
				.expectNoEvent(Duration.ofMillis(999))
				.thenAwait(Duration.ofMillis(1))
				.expectError(TimeoutException.class)
				.verify();
	}

	@Test
	void timeoutOnPendingInputWithFallbackSwitchesToTheFallback() {
		StepVerifier.withVirtualTime(() -> Eager.<Integer>sink(() -> { }).asMono().transform(Eager.timeout(Duration.ofSeconds(1), Mono.just(-1))))
				.expectSubscription()
				.thenAwait(Duration.ofSeconds(1))
				.expectNext(-1)
				.verifyComplete();
	}

	@Test
	void timeoutOnPendingInputThatCompletesInTimeDeliversTheValue() {
		EagerSink<Integer> sink = Eager.sink(() -> { });
		StepVerifier.withVirtualTime(() -> sink.asMono().transform(Eager.timeout(Duration.ofSeconds(1))))
				.expectSubscription()
				.thenAwait(Duration.ofMillis(500))
				.then(() -> sink.tryEmitValue(5))
				.expectNext(5)
				.verifyComplete();
	}

	@Test
	void timeoutOnLazyInputStaysLazyAndTimesOutLikeStock() {
		StepVerifier.withVirtualTime(() -> Mono.just(1).delayElement(Duration.ofSeconds(2)).transform(Eager.timeout(Duration.ofSeconds(1), Mono.just(-1))))
				.expectSubscription()
				.thenAwait(Duration.ofSeconds(1))
				.expectNext(-1)
				.verifyComplete();
	}

	@Test
	void timeoutFiresOnTheTimersThread() {
		EagerSink<Integer> sink = Eager.sink(() -> { });
		List<String> threads = signalThreads(sink.asMono().transform(Eager.timeout(Duration.ofMillis(1), single)),
				v -> v.expectError(TimeoutException.class));
		assertThat(threads).allSatisfy(t -> assertThat(t).startsWith("hop")).hasSize(1);
	}

	@Test
	void hopOperatorsRejectNullArguments() {
		assertThatThrownBy(() -> Eager.publishOn(null)).isInstanceOf(NullPointerException.class).hasMessage("scheduler");
		assertThatThrownBy(() -> Eager.subscribeOn(null)).isInstanceOf(NullPointerException.class).hasMessage("scheduler");
		assertThatThrownBy(() -> Eager.timeout(null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
		assertThatThrownBy(() -> Eager.timeout(Duration.ZERO, (Mono<Object>) null)).isInstanceOf(NullPointerException.class).hasMessage("fallback");
		assertThatThrownBy(() -> Eager.timeout(Duration.ZERO, (Scheduler) null)).isInstanceOf(NullPointerException.class).hasMessage("timer");
		assertThatThrownBy(() -> EagerPolicy.setHopPolicy(null)).isInstanceOf(NullPointerException.class).hasMessage("policy");
		assertThat(EagerPolicy.parseHopPolicy("always_hop")).isEqualTo(HopPolicy.ALWAYS_HOP);
		assertThat(EagerPolicy.parseHopPolicy(null)).isEqualTo(HopPolicy.ALWAYS_HOP);
		assertThat(EagerPolicy.parseHopPolicy("inline_when_resolved")).isEqualTo(HopPolicy.INLINE_WHEN_RESOLVED);
	}
}
