package io.reactoreager;

import java.util.function.Function;

import io.reactoreager.testing.CountingOn;
import io.reactoreager.testing.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stack safety: a million sequential eager steps, and flatMap recursion a million deep, never
 * throw StackOverflowError (surefire runs with -Xss512k); past the inline depth bound the work is
 * trampolined, and {@link EagerStats} counts it.
 */
@ExtendWith(CountingOn.class)
class EagerStackSafetyTest {

	static final int STEPS = 1_000_000;

	/** One operator instance reused for every step: the chain costs only its per-step results. */
	static final Function<Mono<Integer>, Mono<Integer>> INC = Eager.map(x -> x + 1);

	@Test
	void aMillionStepsOverAResolvedInputRunInlineWithoutGrowingTheStack() {
		EagerStats.Snapshot before = EagerStats.snapshot();
		Mono<Integer> m = Mono.just(0);
		for (int i = 0; i < STEPS; i++) {
			m = m.transform(INC);
		}
		assertThat(Eager.isResolved(m)).isTrue();
		StepVerifier.create(m).expectNext(STEPS).verifyComplete();
		EagerStats.Snapshot d = EagerStats.snapshot().minus(before);
		assertThat(d.count(EagerOperator.MAP, EagerStats.Kind.INLINE)).isGreaterThanOrEqualTo(STEPS);
	}

	@Test
	void aMillionStepsOverAPendingInputCompletedLaterAreTrampolined() {
		EagerSink<Integer> sink = Eager.sink(() -> { });
		Mono<Integer> m = sink.asMono();
		for (int i = 0; i < STEPS; i++) {
			m = m.transform(INC);
		}
		assertThat(Eager.isPending(m)).isTrue();
		EagerStats.Snapshot before = EagerStats.snapshot();
		StepVerifier.create(m)
				.then(() -> Schedulers.parallel().schedule(() -> sink.tryEmitValue(0)))
				.expectNext(STEPS)
				.expectComplete()
				.verify(Signals.TIMEOUT);
		EagerStats.Snapshot d = EagerStats.snapshot().minus(before);
		assertThat(d.count(EagerOperator.MAP, EagerStats.Kind.TRAMPOLINED))
				.as("continuations past the inline depth bound are queued, not recursed")
				.isGreaterThan(0);
	}

	@Test
	void aMillionStepsOverAPendingInputCompletedOnTheCallingThreadAreTrampolined() {
		EagerSink<Integer> sink = Eager.sink(() -> { });
		Mono<Integer> m = sink.asMono();
		for (int i = 0; i < STEPS; i++) {
			m = m.transform(INC);
		}
		EagerStats.Snapshot before = EagerStats.snapshot();
		sink.tryEmitValue(0);
		assertThat(Eager.isResolved(m)).isTrue();
		StepVerifier.create(m).expectNext(STEPS).verifyComplete();
		assertThat(EagerStats.snapshot().minus(before).count(EagerOperator.MAP, EagerStats.Kind.TRAMPOLINED)).isGreaterThan(0);
	}

	@Test
	void aMillionStepsOverALazyInputRunInOneRunLoop() {
		Mono<Integer> m = Mono.fromCallable(() -> 0);
		for (int i = 0; i < STEPS; i++) {
			m = m.transform(INC);
		}
		assertThat(Eager.isResolved(m) || Eager.isPending(m)).isFalse();
		StepVerifier.create(m).expectNext(STEPS).verifyComplete();
		// and again: a lazy chain runs on every subscription
		StepVerifier.create(m).expectNext(STEPS).verifyComplete();
	}

	@Test
	void aMillionFlatMapStepsToDonePendingsOverALazyInputRunInOneRunLoop() {
		// each step returns an Eager.start of a resolved Mono: the run loop reads it and continues
		Mono<Integer> m = Mono.fromCallable(() -> 0);
		Function<Mono<Integer>, Mono<Integer>> step = Eager.flatMap(x -> Eager.start(Mono.just(x + 1)));
		for (int i = 0; i < STEPS; i++) {
			m = m.transform(step);
		}
		StepVerifier.create(m).expectNext(STEPS).verifyComplete();
	}

	static Mono<Integer> f(int n) {
		return n == 0 ? Mono.just(0) : Mono.just(n).transform(Eager.flatMap(x -> f(x - 1)));
	}

	@Test
	void recursiveFlatMapAMillionDeepIsTrampolined() {
		EagerStats.Snapshot before = EagerStats.snapshot();
		Mono<Integer> m = f(STEPS);
		StepVerifier.create(m).expectNext(0).expectComplete().verify(Signals.TIMEOUT);
		EagerStats.Snapshot d = EagerStats.snapshot().minus(before);
		assertThat(d.count(EagerOperator.FLAT_MAP, EagerStats.Kind.TRAMPOLINED))
				.as("recursion past the inline depth bound is trampolined")
				.isGreaterThan(0);
	}

	@Test
	void recursiveFlatMapAMillionDeepOverALazyInputCompletes() {
		Mono<Integer> m = Mono.fromCallable(() -> STEPS).transform(Eager.flatMap(EagerStackSafetyTest::f));
		StepVerifier.create(m).expectNext(0).expectComplete().verify(Signals.TIMEOUT);
	}

	static Mono<Integer> g(int n) {
		return n == 0 ? Mono.just(0) : Mono.fromCallable(() -> n).transform(Eager.flatMap(x -> g(x - 1)));
	}

	@Test
	void recursiveFlatMapThroughLazyMonosAMillionDeepCompletes() {
		// each level is a lazy chain whose flatMap returns the next lazy chain: subscribed from the run loop
		StepVerifier.create(g(STEPS)).expectNext(0).expectComplete().verify(Signals.TIMEOUT);
	}
}
