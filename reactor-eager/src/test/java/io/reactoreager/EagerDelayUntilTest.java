package io.reactoreager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.reactoreager.testing.CountingOn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

@ExtendWith(CountingOn.class)
class EagerDelayUntilTest {

	@AfterEach
	void switchOn() {
		EagerPolicy.setEnabled(true);
	}

	@Test
	void resolvedTriggerReturnsTheInputItself() {
		Mono<Integer> source = Mono.just(1);
		EagerStats.Snapshot before = EagerStats.snapshot();
		Mono<Integer> m = source.transform(Eager.delayUntil(x -> Mono.just("ignored")));
		assertThat(m).isSameAs(source);
		assertThat(EagerStats.snapshot().minus(before).count(EagerOperator.DELAY_UNTIL, EagerStats.Kind.INLINE)).isEqualTo(1);
		StepVerifier.create(m).expectNext(1).verifyComplete();
	}

	@Test
	void resolvedEmptyTriggerRelaysTheValue() {
		Mono<Integer> m = Mono.just(1).transform(Eager.delayUntil(x -> Mono.empty()));
		StepVerifier.create(m).expectNext(1).verifyComplete();
	}

	@Test
	void resolvedTriggerErrorFails() {
		Mono<Integer> m = Mono.just(1).transform(Eager.delayUntil(x -> Mono.error(new IllegalStateException("trigger"))));
		assertThat(Eager.isResolved(m)).isTrue();
		StepVerifier.create(m).verifyErrorMessage("trigger");
	}

	@Test
	void triggerValuesAreDiscardedOnLazyInput() {
		List<Object> discarded = new ArrayList<>();
		Mono<Integer> m = Mono.just(1).hide().transform(Eager.delayUntil(x -> Mono.just("t")));
		StepVerifier.create(m.contextWrite(Operators.enableOnDiscard(Context.empty(), discarded::add)))
				.expectNext(1).verifyComplete();
		assertThat(discarded).containsExactly("t");
	}

	@Test
	void pendingTriggerRelaysOnceItCompletes() {
		EagerSink<String> sink = Eager.sink(() -> { });
		Mono<Integer> m = Mono.just(1).transform(Eager.delayUntil(x -> sink.asMono()));
		assertThat(Eager.isPending(m)).isTrue();
		StepVerifier.create(m)
				.expectSubscription()
				.expectNoEvent(java.time.Duration.ZERO)
				.then(() -> sink.tryEmitValue("done"))
				.expectNext(1)
				.verifyComplete();
	}

	@Test
	void pendingTriggerErrorFails() {
		EagerSink<String> sink = Eager.sink(() -> { });
		Mono<Integer> m = Mono.just(1).transform(Eager.delayUntil(x -> sink.asMono()));
		StepVerifier.create(m).then(() -> sink.tryEmitError(new IllegalStateException("t"))).verifyErrorMessage("t");
	}

	@Test
	void cancellingWhilePendingTriggerIsOutstandingCancelsIt() {
		AtomicBoolean cancelled = new AtomicBoolean();
		EagerSink<String> sink = Eager.sink(() -> cancelled.set(true));
		Mono<Integer> m = Mono.just(1).transform(Eager.delayUntil(x -> sink.asMono()));
		// subscribe, let the test become outstanding, then cancel (not from inside onSubscribe)
		reactor.core.Disposable d = m.subscribe();
		assertThat(cancelled).isFalse();
		d.dispose();
		assertThat(cancelled).isTrue();
	}

	@Test
	void lazyFluxTriggerIsWaitedForUntilItCompletesIgnoringItsValues() {
		AtomicInteger seen = new AtomicInteger();
		AtomicBoolean cancelled = new AtomicBoolean();
		Mono<Integer> m = Mono.just(1).transform(Eager.delayUntil(x -> Flux.range(0, 5).hide()
				.doOnNext(i -> seen.incrementAndGet()).doOnCancel(() -> cancelled.set(true))));
		StepVerifier.create(m).expectNext(1).verifyComplete();
		assertThat(seen).hasValue(5);
		assertThat(cancelled).isFalse();
	}

	@Test
	void lazyTriggerSeesTheSubscribersContext() {
		Mono<Integer> m = Mono.just(1).transform(Eager.delayUntil(x -> Mono.deferContextual(cv ->
				cv.hasKey("go") ? Mono.empty() : Mono.error(new IllegalStateException("no context")))));
		StepVerifier.create(m.contextWrite(Context.of("go", true))).expectNext(1).verifyComplete();
		StepVerifier.create(m).verifyErrorMessage("no context");
	}

	@Test
	void switchOffBuildsTheStockOperator() {
		EagerPolicy.setEnabled(false);
		Mono<Integer> source = Mono.just(1);
		Mono<Integer> m = source.transform(Eager.delayUntil(x -> Mono.just("t")));
		assertThat(m).isNotSameAs(source);
		StepVerifier.create(m).expectNext(1).verifyComplete();
	}

	@Test
	void nullProviderIsRejectedAtAssembly() {
		assertThatNullPointerException().isThrownBy(() -> Eager.delayUntil(null)).withMessage("triggerProvider");
	}
}
