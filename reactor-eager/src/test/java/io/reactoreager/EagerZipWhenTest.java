package io.reactoreager;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.reactoreager.testing.CountingOn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

@ExtendWith(CountingOn.class)
class EagerZipWhenTest {

	@AfterEach
	void switchOn() {
		EagerPolicy.setEnabled(true);
	}

	@Test
	void resolvedRightHandSideIsCombinedInline() {
		EagerStats.Snapshot before = EagerStats.snapshot();
		Mono<Tuple2<Integer, String>> m = Mono.just(1).transform(Eager.zipWhen(x -> Mono.just("a" + x)));
		assertThat(Eager.isResolved(m)).isTrue();
		assertThat(EagerStats.snapshot().minus(before).count(EagerOperator.ZIP_WHEN, EagerStats.Kind.INLINE)).isEqualTo(1);
		StepVerifier.create(m).expectNext(Tuples.of(1, "a1")).verifyComplete();
	}

	@Test
	void combinatorFormCombinesBothValues() {
		Mono<String> m = Mono.just(2).transform(Eager.zipWhen(x -> Mono.just(x * 10), (a, b) -> a + ":" + b));
		StepVerifier.create(m).expectNext("2:20").verifyComplete();
	}

	@Test
	void resolvedEmptyRightHandSideCompletesEmpty() {
		Mono<Tuple2<Integer, String>> m = Mono.just(1).transform(Eager.zipWhen(x -> Mono.<String>empty()));
		assertThat(Eager.isResolved(m)).isTrue();
		StepVerifier.create(m).verifyComplete();
	}

	@Test
	void resolvedRightHandErrorFails() {
		Mono<Tuple2<Integer, String>> m = Mono.just(1).transform(Eager.zipWhen(x -> Mono.<String>error(new IllegalStateException("right"))));
		StepVerifier.create(m).verifyErrorMessage("right");
	}

	@Test
	void combinatorReturningNullFails() {
		Mono<String> m = Mono.just(1).transform(Eager.zipWhen(x -> Mono.just(2), (a, b) -> null));
		StepVerifier.create(m).verifyError(NullPointerException.class);
	}

	@Test
	void generatorThrowingFails() {
		Mono<String> m = Mono.just(1).transform(Eager.zipWhen(x -> { throw new IllegalArgumentException("gen"); }, (a, b) -> "x"));
		StepVerifier.create(m).verifyErrorMessage("gen");
	}

	@Test
	void pendingRightHandSideCompletesLater() {
		EagerSink<String> sink = Eager.sink(() -> { });
		Mono<String> m = Mono.just(1).transform(Eager.zipWhen(x -> sink.asMono(), (a, b) -> a + b));
		assertThat(Eager.isPending(m)).isTrue();
		StepVerifier.create(m).then(() -> sink.tryEmitValue("b")).expectNext("1b").verifyComplete();
	}

	@Test
	void pendingRightHandSideEmptyOrErrorPassesThrough() {
		EagerSink<String> e = Eager.sink(() -> { });
		EagerSink<String> f = Eager.sink(() -> { });
		StepVerifier.create(Mono.just(1).transform(Eager.zipWhen(x -> e.asMono()))).then(e::tryEmitEmpty).verifyComplete();
		StepVerifier.create(Mono.just(1).transform(Eager.zipWhen(x -> f.asMono())))
				.then(() -> f.tryEmitError(new IllegalStateException("late"))).verifyErrorMessage("late");
	}

	@Test
	void cancellingWhilePendingRightHandSideIsOutstandingCancelsIt() {
		AtomicBoolean cancelled = new AtomicBoolean();
		EagerSink<String> sink = Eager.sink(() -> cancelled.set(true));
		Mono<Tuple2<Integer, String>> m = Mono.just(1).transform(Eager.zipWhen(x -> sink.asMono()));
		// subscribe, let the test become outstanding, then cancel (not from inside onSubscribe)
		reactor.core.Disposable d = m.subscribe();
		assertThat(cancelled).isFalse();
		d.dispose();
		assertThat(cancelled).isTrue();
	}

	@Test
	void lazyRightHandSideSeesTheSubscribersContext() {
		AtomicInteger subscriptions = new AtomicInteger();
		Mono<String> m = Mono.just(1).transform(Eager.zipWhen(x -> Mono.deferContextual(cv -> {
			subscriptions.incrementAndGet();
			return Mono.just(cv.getOrDefault("user", "none"));
		}), (a, b) -> a + b));
		assertThat(subscriptions).hasValue(0);
		StepVerifier.create(m.contextWrite(Context.of("user", "ann"))).expectNext("1ann").verifyComplete();
		assertThat(subscriptions).hasValue(1);
	}

	@Test
	void lazyInputStaysLazy() {
		AtomicInteger subscriptions = new AtomicInteger();
		Mono<String> m = Mono.fromCallable(subscriptions::incrementAndGet).transform(Eager.zipWhen(x -> Mono.just("r"), (a, b) -> a + b));
		assertThat(subscriptions).hasValue(0);
		StepVerifier.create(m).expectNext("1r").verifyComplete();
		StepVerifier.create(m).expectNext("2r").verifyComplete();
	}

	@Test
	void switchOffBuildsTheStockOperator() {
		EagerPolicy.setEnabled(false);
		Mono<String> m = Mono.just(1).transform(Eager.zipWhen(x -> Mono.just(2), (a, b) -> a + "" + b));
		assertThat(Eager.isResolved(m)).isFalse();
		StepVerifier.create(m).expectNext("12").verifyComplete();
	}

	@Test
	void nullArgumentsAreRejectedAtAssembly() {
		assertThatNullPointerException().isThrownBy(() -> Eager.zipWhen(null)).withMessage("rightGenerator");
		assertThatNullPointerException().isThrownBy(() -> Eager.zipWhen(x -> Mono.just(1), null)).withMessage("combinator");
	}
}
