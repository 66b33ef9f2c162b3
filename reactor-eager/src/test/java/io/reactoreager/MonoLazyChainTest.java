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
}
