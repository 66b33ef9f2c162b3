package io.reactoreager;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.reactoreager.testing.CountingScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

class EagerFluxHopsTest {

	static Scheduler single;

	@BeforeAll
	static void startScheduler() {
		single = Schedulers.newSingle("fluxhop");
	}

	@AfterAll
	static void stopScheduler() {
		single.dispose();
	}

	@AfterEach
	void restorePolicy() {
		EagerPolicy.setHopPolicy(HopPolicy.ALWAYS_HOP);
	}

	static List<String> threads(Flux<Integer> f, int... values) {
		List<String> threads = new CopyOnWriteArrayList<>();
		StepVerifier.create(f.doOnEach(s -> {
			if (s.getType() != SignalType.ON_SUBSCRIBE) {
				threads.add(Thread.currentThread().getName());
			}
		})).expectNext(java.util.Arrays.stream(values).boxed().toArray(Integer[]::new)).expectComplete().verify(Duration.ofSeconds(5));
		return threads;
	}

	@Test
	void publishOnResolvedFluxDeliversInlineWithNoTaskUnderTheOptIn() {
		EagerPolicy.setHopPolicy(HopPolicy.INLINE_WHEN_RESOLVED);
		CountingScheduler s = new CountingScheduler(single);
		assertThat(threads(Flux.just(1).transform(EagerFluxHops.publishOn(s)), 1)).containsOnly(Thread.currentThread().getName());
		assertThat(s.tasks()).isZero();
	}

	@Test
	void publishOnResolvedFluxHopsByDefaultLikeStock() {
		CountingScheduler s = new CountingScheduler(single);
		assertThat(threads(Flux.just(1).transform(EagerFluxHops.publishOn(s)), 1)).allSatisfy(t -> assertThat(t).startsWith("fluxhop"));
		assertThat(s.tasks()).isEqualTo(1);
	}

	@Test
	void publishOnMultiValueFluxIsStock() {
		CountingScheduler s = new CountingScheduler(single);
		assertThat(threads(Flux.just(1, 2).transform(EagerFluxHops.publishOn(s)), 1, 2)).allSatisfy(t -> assertThat(t).startsWith("fluxhop"));
		assertThat(s.tasks()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void subscribeOnResolvedFluxDeliversInlineWithNoTaskUnderTheOptIn() {
		EagerPolicy.setHopPolicy(HopPolicy.INLINE_WHEN_RESOLVED);
		CountingScheduler s = new CountingScheduler(single);
		assertThat(threads(Flux.just(3).transform(EagerFluxHops.subscribeOn(s)), 3)).containsOnly(Thread.currentThread().getName());
		assertThat(s.tasks()).isZero();
	}

	@Test
	void timeoutOnResolvedFluxArmsNoTimerAndOnOtherFluxTimesOutLikeStock() {
		VirtualTimeScheduler vts = VirtualTimeScheduler.create();
		StepVerifier.withVirtualTime(() -> Flux.just(1).transform(EagerFluxHops.timeout(Duration.ofSeconds(1), vts)), () -> vts, Long.MAX_VALUE)
				.expectNext(1)
				.verifyComplete();
		assertThat(vts.getScheduledTaskCount()).isZero();

		StepVerifier.withVirtualTime(() -> Flux.<Integer>never().transform(EagerFluxHops.timeout(Duration.ofSeconds(1), null)))
				.expectSubscription()
				.thenAwait(Duration.ofSeconds(1))
				.expectError(java.util.concurrent.TimeoutException.class)
				.verify();
	}
}
