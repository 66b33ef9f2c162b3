package io.reactoreager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.reactoreager.testing.CountingOn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

@ExtendWith(CountingOn.class)
class FluxEagerFilterWhenTest {

	@AfterEach
	void switchOn() {
		EagerPolicy.setEnabled(true);
	}

	static <T> Function<Flux<T>, Flux<T>> filterWhen(Function<? super T, ? extends Publisher<Boolean>> p) {
		return EagerFlux.filterWhen(p);
	}

	@Test
	void resolvedPredicatesAreReadInlineAndKeepOrder() {
		EagerStats.Snapshot before = EagerStats.snapshot();
		Flux<Integer> f = Flux.range(1, 10).transform(filterWhen(x -> Mono.just(x % 2 == 0)));
		StepVerifier.create(f).expectNext(2, 4, 6, 8, 10).verifyComplete();
		EagerStats.Snapshot d = EagerStats.snapshot().minus(before);
		assertThat(d.count(EagerOperator.FLUX_FILTER_WHEN, EagerStats.Kind.INLINE)).isEqualTo(10);
		assertThat(d.count(EagerOperator.FLUX_FILTER_WHEN, EagerStats.Kind.LAZY_SUBSCRIPTION)).isZero();
		assertThat(d.count(EagerOperator.FLUX_FILTER_WHEN, EagerStats.Kind.SUSPENDED)).isZero();
	}

	@Test
	void finishedEagerPredicatesAreReadInline() {
		EagerSink<Boolean> yes = Eager.sink(() -> { });
		yes.tryEmitValue(true);
		EagerStats.Snapshot before = EagerStats.snapshot();
		StepVerifier.create(Flux.range(1, 3).transform(filterWhen(x -> yes.asMono()))).expectNext(1, 2, 3).verifyComplete();
		assertThat(EagerStats.snapshot().minus(before).count(EagerOperator.FLUX_FILTER_WHEN, EagerStats.Kind.INLINE)).isEqualTo(3);
	}

	@Test
	void emptyPredicateCountsAsFalseAndRejectedValuesAreDiscarded() {
		List<Object> discarded = new ArrayList<>();
		Flux<Integer> f = Flux.range(1, 4).transform(filterWhen(x -> x % 2 == 0 ? Mono.just(true) : Mono.<Boolean>empty()));
		StepVerifier.create(f.contextWrite(Operators.enableOnDiscard(Context.empty(), discarded::add)))
				.expectNext(2, 4).verifyComplete();
		assertThat(discarded).containsExactly(1, 3);
	}

	@Test
	void predicateErrorIsDeliveredAfterUpstreamCompletesLikeStock() {
		Function<Integer, Publisher<Boolean>> p = x -> x == 2 ? Mono.error(new IllegalStateException("two")) : Mono.just(true);
		StepVerifier.create(Flux.range(1, 4).filterWhen(p)).expectNext(1, 3, 4).verifyErrorMessage("two");
		StepVerifier.create(Flux.range(1, 4).transform(filterWhen(p))).expectNext(1, 3, 4).verifyErrorMessage("two");
	}

	@Test
	void upstreamErrorIsDeliveredAfterBufferedValuesAreTested() {
		Flux<Integer> f = Flux.range(1, 3).concatWith(Mono.error(new IllegalStateException("up")))
				.transform(filterWhen(x -> Mono.just(true)));
		StepVerifier.create(f).expectNext(1, 2, 3).verifyErrorMessage("up");
	}

	@Test
	void pendingPredicatesKeepOrderWhenCompletedOutOfOrder() {
		List<EagerSink<Boolean>> sinks = new CopyOnWriteArrayList<>();
		Flux<Integer> f = Flux.range(1, 3).transform(filterWhen(x -> {
			EagerSink<Boolean> s = Eager.sink(() -> { });
			sinks.add(s);
			return s.asMono();
		}));
		EagerStats.Snapshot before = EagerStats.snapshot();
		StepVerifier.create(f)
				// the predicate runs for each value as it arrives: all three tests are started
				.then(() -> assertThat(sinks).hasSize(3))
				.then(() -> sinks.get(0).tryEmitValue(true))
				.expectNext(1)
				.then(() -> sinks.get(1).tryEmitEmpty())
				.then(() -> sinks.get(2).tryEmitValue(true))
				.expectNext(3)
				.verifyComplete();
		assertThat(EagerStats.snapshot().minus(before).count(EagerOperator.FLUX_FILTER_WHEN, EagerStats.Kind.SUSPENDED)).isEqualTo(3);
	}

	@Test
	void pendingPredicateErrorDiscardsItsValueAndIsDeliveredAtCompletion() {
		EagerSink<Boolean> s = Eager.sink(() -> { });
		Flux<Integer> f = Flux.range(1, 3).transform(filterWhen(x -> x == 1 ? s.asMono() : Mono.just(true)));
		StepVerifier.create(f).then(() -> s.tryEmitError(new IllegalStateException("p"))).expectNext(2, 3).verifyErrorMessage("p");
	}

	@Test
	void cancellingWhilePendingPredicateIsOutstandingCancelsItAndDiscardsTheBuffer() {
		AtomicBoolean cancelled = new AtomicBoolean();
		List<Object> discarded = new CopyOnWriteArrayList<>();
		EagerSink<Boolean> s = Eager.sink(() -> cancelled.set(true));
		Flux<Integer> f = Flux.range(1, 3).transform(filterWhen(x -> s.asMono()))
				.contextWrite(Operators.enableOnDiscard(Context.empty(), discarded::add));
		Disposable d = f.subscribe();
		assertThat(cancelled).isFalse();
		d.dispose();
		assertThat(cancelled).isTrue();
		assertThat(discarded).containsExactly(1, 2, 3);
	}

	@Test
	void lazyPredicateSeesTheSubscribersContext() {
		Flux<Integer> f = Flux.range(1, 4).transform(filterWhen(x -> Mono.deferContextual(cv -> Mono.just(x <= cv.<Integer>get("max")))));
		StepVerifier.create(f.contextWrite(Context.of("max", 2))).expectNext(1, 2).verifyComplete();
	}

	@Test
	void lazyFluxPredicateCountsOnlyItsFirstValueAndIsCancelledAfterIt() {
		AtomicInteger cancels = new AtomicInteger();
		Flux<Integer> f = Flux.range(1, 2).transform(filterWhen(x -> Flux.just(x == 1, true).hide().doOnCancel(cancels::incrementAndGet)));
		StepVerifier.create(f).expectNext(1).verifyComplete();
		assertThat(cancels).hasValue(2);
	}

	@Test
	void upstreamRequestsFollowBufferSizeLikeStock() {
		List<Long> eager = new CopyOnWriteArrayList<>();
		List<Long> stock = new CopyOnWriteArrayList<>();
		Function<Integer, Publisher<Boolean>> p = x -> Mono.just(x % 3 != 0);
		StepVerifier.create(Flux.range(1, 40).doOnRequest(eager::add).transform(EagerFlux.filterWhen(p, 8)), 0)
				.thenRequest(3).expectNextCount(3).thenRequest(100).expectNextCount(24).verifyComplete();
		StepVerifier.create(Flux.range(1, 40).doOnRequest(stock::add).filterWhen(p, 8), 0)
				.thenRequest(3).expectNextCount(3).thenRequest(100).expectNextCount(24).verifyComplete();
		assertThat(eager).isEqualTo(stock).startsWith(8L);
	}

	@Test
	void noValueIsEmittedBeyondDemand() {
		StepVerifier.create(Flux.range(1, 10).transform(filterWhen(x -> Mono.just(true))), 0)
				.expectSubscription()
				.expectNoEvent(Duration.ZERO)
				.thenRequest(2).expectNext(1, 2)
				.expectNoEvent(Duration.ZERO)
				.thenRequest(1).expectNext(3)
				.thenCancel().verify();
	}

	@Test
	void nonPositiveRequestSignalsIllegalArgumentException() {
		List<Object> signals = new CopyOnWriteArrayList<>();
		Flux.range(1, 10).transform(filterWhen(x -> Mono.just(true))).subscribe(new reactor.core.CoreSubscriber<Integer>() {
			@Override
			public void onSubscribe(org.reactivestreams.Subscription s) {
				s.request(0);
			}

			@Override
			public void onNext(Integer v) {
				signals.add(v);
			}

			@Override
			public void onError(Throwable t) {
				signals.add(t);
			}

			@Override
			public void onComplete() {
				signals.add("complete");
			}
		});
		assertThat(signals).singleElement().isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void switchOffBuildsTheStockOperator() {
		EagerPolicy.setEnabled(false);
		Flux<Integer> f = Flux.range(1, 3).transform(filterWhen(x -> Mono.just(true)));
		assertThat(f).isNotInstanceOf(FluxEagerFilterWhen.class);
		StepVerifier.create(f).expectNext(1, 2, 3).verifyComplete();
	}

	@Test
	void badArgumentsAreRejectedAtAssembly() {
		assertThatNullPointerException().isThrownBy(() -> EagerFlux.filterWhen(null)).withMessage("predicate");
		assertThatIllegalArgumentException().isThrownBy(() -> EagerFlux.filterWhen(x -> Mono.just(true), 0))
				.withMessage("bufferSize must be between 1 and 1073741824, was 0");
	}

	@Test
	void bufferBeyondTheLargestIntPowerOfTwoIsRejectedAtAssemblyWithTheSwitchOnOrOff() {
		// stock rounds it up to 2^31, which overflows: NegativeArraySizeException at subscription
		assertThatIllegalArgumentException()
				.isThrownBy(() -> EagerFlux.filterWhen(x -> Mono.just(true), Integer.MAX_VALUE))
				.withMessage("bufferSize must be between 1 and 1073741824, was 2147483647");
		EagerPolicy.setEnabled(false);
		assertThatIllegalArgumentException()
				.isThrownBy(() -> EagerFlux.filterWhen(x -> Mono.just(true), EagerFlux.MAX_FILTER_WHEN_BUFFER + 1));
		EagerPolicy.setEnabled(true);
		StepVerifier.create(Flux.range(1, 3).transform(EagerFlux.filterWhen(x -> Mono.just(x != 2), 1 << 20)))
				.expectNext(1, 3)
				.verifyComplete();
	}
}
