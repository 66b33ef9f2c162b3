package io.reactoreager;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.reactoreager.testing.Signals;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class MonoLazyChainTest {

	/**
	 * Regression: the run loop used to subscribe itself to the lazy Mono a step returned, so the
	 * first source's onComplete (arriving after its onNext, once the new Mono had not yet answered)
	 * was taken as the new Mono completing empty.
	 */
	@Test
	void flatMapToALazyMonoCompletingLaterDeliversItsValueNotTheSourcesCompletion() {
		Mono<Integer> m = Mono.fromCallable(() -> 1)
				.transform(Eager.flatMap(x -> Mono.just(x + 1).delayElement(Duration.ofMillis(5))))
				.transform(Eager.map(x -> x * 10));
		StepVerifier.create(m).expectNext(20).expectComplete().verify(Signals.TIMEOUT);
	}

	@Test
	void cancellingWhileALazyMonoReturnedByAStepIsRunningCancelsIt() {
		AtomicInteger cancelled = new AtomicInteger();
		Mono<Integer> m = Mono.fromCallable(() -> 1)
				.transform(Eager.flatMap(x -> Mono.<Integer>never().doOnCancel(cancelled::incrementAndGet)));
		Signals.Recorder r = new Signals.Recorder(reactor.util.context.Context.empty());
		m.subscribe(r);
		r.subscription().cancel();
		assertThat(cancelled).hasValue(1);
		assertThat(r.signals()).isEmpty();
	}

	@Test
	void aLazyMonoReturnedByAStepIsSubscribedWithTheSubscribersContext() {
		Mono<String> m = Mono.fromCallable(() -> 1)
				.transform(Eager.flatMap(x -> Mono.deferContextual(ctx -> Mono.just(x + ctx.getOrDefault("k", "?"))
						.delayElement(Duration.ofMillis(1)))));
		StepVerifier.create(m.contextWrite(reactor.util.context.Context.of("k", "v")))
				.expectNext("1v").expectComplete().verify(Signals.TIMEOUT);
	}

	@Test
	void firstSubscriptionsOnSeveralThreadsAtOnceAllRunEveryStep() throws InterruptedException {
		int threads = 4;
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
		try {
			subscribeConcurrently(pool, threads);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void subscribeConcurrently(java.util.concurrent.ExecutorService pool, int threads) throws InterruptedException {
		for (int round = 0; round < 500; round++) {
			Mono<Integer> m = Mono.fromCallable(() -> 0);
			for (int i = 0; i < 20; i++) {
				m = m.transform(Eager.map(x -> x + 1));
			}
			Mono<Integer> chain = m;
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			java.util.List<Signals.Recorder> recorders = new java.util.concurrent.CopyOnWriteArrayList<>();
			java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(threads);
			for (int t = 0; t < threads; t++) {
				pool.execute(() -> {
					Signals.Recorder r = new Signals.Recorder(reactor.util.context.Context.empty());
					recorders.add(r);
					ready.countDown();
					try {
						start.await();
					}
					catch (InterruptedException e) {
						Thread.currentThread().interrupt();
					}
					chain.subscribe(r);
				});
			}
			assertThat(ready.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			start.countDown();
			for (Signals.Recorder r : recorders) {
				r.await();
				assertThat(r.signals()).containsExactly(Signals.onNext(20), Signals.ON_COMPLETE);
			}
		}
	}
}
