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
class EagerFilterWhenTest {

	@AfterEach
	void switchOn() {
		EagerPolicy.setEnabled(true);
	}

	@Test
	void resolvedTrueKeepsTheValueInlineWithoutInnerSubscription() {
		EagerStats.Snapshot before = EagerStats.snapshot();
		Mono<Integer> m = Mono.just(1).transform(Eager.filterWhen(x -> Mono.just(true)));
		assertThat(Eager.isResolved(m)).isTrue();
		EagerStats.Snapshot d = EagerStats.snapshot().minus(before);
		assertThat(d.count(EagerOperator.FILTER_WHEN, EagerStats.Kind.INLINE)).isEqualTo(1);
		assertThat(d.count(EagerOperator.FILTER_WHEN, EagerStats.Kind.SUSPENDED)).isZero();
		StepVerifier.create(m).expectNext(1).verifyComplete();
	}

	@Test
	void resolvedFalseCompletesEmpty() {
		Mono<Integer> m = Mono.just(1).transform(Eager.filterWhen(x -> Mono.just(false)));
		assertThat(Eager.isResolved(m)).isTrue();
		StepVerifier.create(m).verifyComplete();
	}

	@Test
	void resolvedEmptyPredicateCountsAsFalse() {
		Mono<Integer> m = Mono.just(1).transform(Eager.filterWhen(x -> Mono.empty()));
		assertThat(Eager.isResolved(m)).isTrue();
		StepVerifier.create(m).verifyComplete();
	}

	@Test
	void resolvedPredicateErrorFails() {
		Mono<Integer> m = Mono.just(1).transform(Eager.filterWhen(x -> Mono.error(new IllegalStateException("boom"))));
		assertThat(Eager.isResolved(m)).isTrue();
		StepVerifier.create(m).verifyErrorMessage("boom");
	}

	@Test
	void finishedEagerPredicateIsUsedInline() {
		EagerSink<Boolean> sink = Eager.sink(() -> { });
		sink.tryEmitValue(true);
		Mono<Integer> m = Mono.just(1).transform(Eager.filterWhen(x -> sink.asMono()));
		assertThat(Eager.isResolved(m)).isTrue();
		StepVerifier.create(m).expectNext(1).verifyComplete();
	}

	@Test
	void rejectedValueIsDiscardedOnLazyInput() {
		List<Object> discarded = new ArrayList<>();
		Mono<Integer> m = Mono.just(7).hide().transform(Eager.filterWhen(x -> Mono.just(false)));
		StepVerifier.create(m.contextWrite(Operators.enableOnDiscard(Context.empty(), discarded::add)))
				.verifyComplete();
		assertThat(discarded).containsExactly(7);
	}

	@Test
	void predicateThrowingFails() {
		Mono<Integer> m = Mono.just(1).transform(Eager.filterWhen(x -> {
			throw new IllegalArgumentException("bad");
		}));
		StepVerifier.create(m).verifyErrorMessage("bad");
	}

	@Test
	void predicateReturningNullFailsWithNullPointerException() {
		Mono<Integer> m = Mono.just(1).transform(Eager.filterWhen(x -> null));
		StepVerifier.create(m).verifyError(NullPointerException.class);
	}

	@Test
	void emptyAndErrorInputsPassThroughWithoutCallingThePredicate() {
		AtomicInteger calls = new AtomicInteger();
		Mono<Integer> empty = Mono.<Integer>empty().transform(Eager.filterWhen(x -> { calls.incrementAndGet(); return Mono.just(true); }));
		Mono<Integer> error = Mono.<Integer>error(new IllegalStateException("src")).transform(Eager.filterWhen(x -> { calls.incrementAndGet(); return Mono.just(true); }));
		StepVerifier.create(empty).verifyComplete();
		StepVerifier.create(error).verifyErrorMessage("src");
		assertThat(calls).hasValue(0);
	}

	@Test
	void pendingPredicateGetsOneContinuationAndCompletesLater() {
		EagerSink<Boolean> sink = Eager.sink(() -> { });
		EagerStats.Snapshot before = EagerStats.snapshot();
		Mono<Integer> m = Mono.just(1).transform(Eager.filterWhen(x -> sink.asMono()));
		assertThat(Eager.isPending(m)).isTrue();
		assertThat(EagerStats.snapshot().minus(before).count(EagerOperator.FILTER_WHEN, EagerStats.Kind.SUSPENDED)).isEqualTo(1);
		StepVerifier.create(m)
				.then(() -> sink.tryEmitValue(true))
				.expectNext(1)
				.verifyComplete();
	}

	@Test
	void pendingPredicateCompletingFalseOrEmptyCompletesEmpty() {
		EagerSink<Boolean> f = Eager.sink(() -> { });
		EagerSink<Boolean> e = Eager.sink(() -> { });
		Mono<Integer> mf = Mono.just(1).transform(Eager.filterWhen(x -> f.asMono()));
		Mono<Integer> me = Mono.just(1).transform(Eager.filterWhen(x -> e.asMono()));
		StepVerifier.create(mf).then(() -> f.tryEmitValue(false)).verifyComplete();
		StepVerifier.create(me).then(e::tryEmitEmpty).verifyComplete();
	}

	@Test
	void pendingPredicateErrorFails() {
		EagerSink<Boolean> sink = Eager.sink(() -> { });
		Mono<Integer> m = Mono.just(1).hide().transform(Eager.filterWhen(x -> sink.asMono()));
		StepVerifier.create(m)
				.then(() -> sink.tryEmitError(new IllegalStateException("later")))
				.verifyErrorMessage("later");
	}

	@Test
	void cancellingWhilePendingPredicateIsOutstandingCancelsIt() {
		AtomicBoolean cancelled = new AtomicBoolean();
		EagerSink<Boolean> sink = Eager.sink(() -> cancelled.set(true));
		Mono<Integer> m = Mono.just(1).transform(Eager.filterWhen(x -> sink.asMono()));
		// subscribe, let the test become outstanding, then cancel (not from inside onSubscribe)
		reactor.core.Disposable d = m.subscribe();
		assertThat(cancelled).isFalse();
		d.dispose();
		assertThat(cancelled).isTrue();
	}

	@Test
	void cancellingALazyChainWhilePendingPredicateIsOutstandingCancelsIt() {
		AtomicBoolean cancelled = new AtomicBoolean();
		EagerSink<Boolean> sink = Eager.sink(() -> cancelled.set(true));
		Mono<Integer> m = Mono.just(1).hide().transform(Eager.filterWhen(x -> sink.asMono()));
		// subscribe, let the test become outstanding, then cancel (not from inside onSubscribe)
		reactor.core.Disposable d = m.subscribe();
		assertThat(cancelled).isFalse();
		d.dispose();
		assertThat(cancelled).isTrue();
	}

	@Test
	void lazyPredicateIsSubscribedPerSubscriptionWithTheSubscribersContext() {
		AtomicInteger subscriptions = new AtomicInteger();
		Mono<Integer> m = Mono.just(1).transform(Eager.filterWhen(x -> Mono.deferContextual(cv -> {
			subscriptions.incrementAndGet();
			return Mono.just(cv.hasKey("tenant"));
		})));
		assertThat(subscriptions).hasValue(0);
		StepVerifier.create(m.contextWrite(Context.of("tenant", "a"))).expectNext(1).verifyComplete();
		StepVerifier.create(m).verifyComplete();
		assertThat(subscriptions).hasValue(2);
	}

	@Test
	void lazyFluxPredicateCountsOnlyItsFirstValueAndIsCancelledAfterIt() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Mono<Integer> m = Mono.just(1).transform(Eager.filterWhen(x -> Flux.just(true, false).hide().doOnCancel(() -> cancelled.set(true))));
		StepVerifier.create(m).expectNext(1).verifyComplete();
		assertThat(cancelled).isTrue();
	}

	@Test
	void switchOffBuildsTheStockOperator() {
		EagerPolicy.setEnabled(false);
		Mono<Integer> m = Mono.just(1).transform(Eager.filterWhen(x -> Mono.just(true)));
		assertThat(Eager.isResolved(m)).isFalse();
		StepVerifier.create(m).expectNext(1).verifyComplete();
	}

	@Test
	void nullPredicateIsRejectedAtAssembly() {
		assertThatNullPointerException().isThrownBy(() -> Eager.filterWhen(null)).withMessage("predicate");
	}
}
