package io.reactoreager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.reactoreager.testing.CountingOn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples of docs/semantics-flux.md, verbatim, with their stated outcomes asserted. */
@ExtendWith(CountingOn.class)
class EagerFluxSemanticsExamplesTest {

	@Test
	void resolvedInnersAreEmittedInlineAndCountedInline() {
		EagerStats.Snapshot before = EagerStats.snapshot();
		StepVerifier.create(Flux.range(1, 3).transform(EagerFlux.flatMap(i -> Mono.just(i * 10))))
				.expectNext(10, 20, 30)
				.verifyComplete();
		assertThat(EagerStats.snapshot().minus(before).count(EagerOperator.FLUX_FLAT_MAP, EagerStats.Kind.INLINE)).isEqualTo(3);
	}

	@Test
	void pendingInnersCompletedFromAnotherThreadKeepSourceOrderWithConcatMap() {
		EagerSink<Integer> a = Eager.sink(() -> { });
		EagerSink<Integer> b = Eager.sink(() -> { });
		List<Mono<Integer>> inners = List.of(a.asMono(), b.asMono());
		StepVerifier.create(Flux.range(0, 2).transform(EagerFlux.concatMap(inners::get)))
				.expectSubscription()
				.then(() -> new Thread(() -> { b.tryEmitValue(20); a.tryEmitValue(10); }).start())
				.expectNext(10, 20)
				.expectComplete()
				.verify(Duration.ofSeconds(5));
	}

	@Test
	void resolvedValuesWaitForDemand() {
		StepVerifier.create(Flux.range(1, 4).transform(EagerFlux.flatMapSequential(i -> Mono.just(i))), 0)
				.expectSubscription()
				.thenRequest(1).expectNext(1)
				.thenRequest(3).expectNext(2, 3, 4)
				.verifyComplete();
	}

	@Test
	void lazyInnersAreSubscribedOnceEach() {
		AtomicInteger subscriptions = new AtomicInteger();
		StepVerifier.create(Flux.range(1, 2).transform(EagerFlux.flatMap(
						i -> Flux.range(i * 10, 2).doOnSubscribe(s -> subscriptions.incrementAndGet()))))
				.expectNext(10, 11, 20, 21)
				.verifyComplete();
		assertThat(subscriptions).hasValue(2);
	}

	@Test
	void cancellingCancelsAPendingWhoseLastObserverLeft() {
		AtomicBoolean cancelled = new AtomicBoolean();
		EagerSink<Integer> pending = Eager.sink(() -> cancelled.set(true));
		Disposable d = Flux.just(1, 2).transform(EagerFlux.flatMap(i -> pending.asMono())).subscribe();
		assertThat(cancelled).isFalse();
		d.dispose();
		assertThat(cancelled).isTrue();
	}

	@Test
	void resolvedInnersHoldNoConcurrencySlot() {
		List<Long> requests = new ArrayList<>();
		Flux.range(0, 3).hide().doOnRequest(requests::add)
				.transform(EagerFlux.flatMap(i -> Mono.just(i), 1))
				.blockLast();
		assertThat(requests).containsExactly(1L, 1L, 1L, 1L);
	}

	@Test
	void filterWhenStartsPendingTestsTogetherAndEmitsInOrder() {
		List<EagerSink<Boolean>> tests = new CopyOnWriteArrayList<>();
		Flux<Integer> kept = Flux.range(1, 3).transform(EagerFlux.filterWhen(i -> {
			EagerSink<Boolean> test = Eager.sink(() -> { });
			tests.add(test);
			return test.asMono();
		}));
		StepVerifier.create(kept)
				.then(() -> assertThat(tests).hasSize(3)) // 3: every test has started (stock: 1)
				.then(() -> tests.get(2).tryEmitValue(true))
				.then(() -> tests.get(1).tryEmitValue(false))
				.then(() -> tests.get(0).tryEmitValue(true))
				.expectNext(1, 3)
				.verifyComplete();
	}

	@Test
	void filterWhenCancelsEveryStartedTest() {
		AtomicInteger cancelled = new AtomicInteger();
		Disposable d = Flux.range(1, 3)
				.transform(EagerFlux.filterWhen(i -> Eager.<Boolean>sink(cancelled::incrementAndGet).asMono()))
				.subscribe();
		d.dispose();
		assertThat(cancelled).hasValue(3);
	}

	@Test
	void fluxTransformPassesEagerOperatorsThroughAssemblyHooks() {
		List<Object> seen = new CopyOnWriteArrayList<>();
		Hooks.onEachOperator("semantics-flux-probe", p -> {
			seen.add(p);
			return p;
		});
		Flux<Integer> flatMapped;
		Flux<Integer> filtered;
		try {
			flatMapped = Flux.range(1, 3).transform(EagerFlux.flatMap(i -> Mono.just(i * 10)));
			filtered = Flux.range(1, 3).transform(EagerFlux.filterWhen(i -> Mono.just(i > 1)));
		}
		finally {
			Hooks.resetOnEachOperator("semantics-flux-probe");
		}
		assertThat(flatMapped).isInstanceOf(FluxEagerFlatMap.class);
		assertThat(filtered).isInstanceOf(FluxEagerFilterWhen.class);
		assertThat(seen).contains(flatMapped, filtered);
	}
}
