package io.reactoreager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.reactoreager.testing.CountingOn;
import io.reactoreager.testing.FluxOp;
import io.reactoreager.testing.SignalRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** StepVerifier tests of EagerFlux.flatMap, concatMap and flatMapSequential per inner kind. */
@ExtendWith(CountingOn.class)
class EagerFluxTest {

	static final Duration TIMEOUT = Duration.ofSeconds(10);
	static final ExecutorService OTHER_THREAD = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "eager-flux-test-completer");
		t.setDaemon(true);
		return t;
	});

	@AfterAll
	static void shutdown() {
		OTHER_THREAD.shutdownNow();
	}

	@AfterEach
	void switchOn() {
		EagerPolicy.setEnabled(true);
	}

	static EagerOperator statsKey(FluxOp op) {
		return switch (op) {
			case FLAT_MAP -> EagerOperator.FLUX_FLAT_MAP;
			case CONCAT_MAP -> EagerOperator.FLUX_CONCAT_MAP;
			case FLAT_MAP_SEQUENTIAL -> EagerOperator.FLUX_FLAT_MAP_SEQUENTIAL;
		};
	}

	// ------------------------------------------------------------------ resolved inners

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void resolvedValuesAreEmittedInlineInSourceOrder(FluxOp op) {
		EagerStats.Snapshot before = EagerStats.snapshot();
		StepVerifier.create(op.eager(Flux.range(1, 5), i -> Mono.just(i * 10)))
				.expectNext(10, 20, 30, 40, 50)
				.verifyComplete();
		EagerStats.Snapshot d = EagerStats.snapshot().minus(before);
		assertThat(d.count(statsKey(op), EagerStats.Kind.INLINE)).isEqualTo(5);
		assertThat(d.count(statsKey(op), EagerStats.Kind.SUSPENDED)).isZero();
		assertThat(d.count(statsKey(op), EagerStats.Kind.LAZY_SUBSCRIPTION)).isZero();
	}

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void resolvedEmptyInnersAreSkipped(FluxOp op) {
		StepVerifier.create(op.eager(Flux.range(1, 6), i -> i % 2 == 0 ? Mono.<Integer>empty() : Mono.just(i)))
				.expectNext(1, 3, 5)
				.verifyComplete();
	}

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void resolvedErrorFailsFastAndCancelsTheSource(FluxOp op) {
		AtomicInteger cancelled = new AtomicInteger();
		Flux<Integer> source = Flux.range(1, 100).hide().doOnCancel(cancelled::incrementAndGet);
		StepVerifier.create(op.eager(source, i -> i == 3 ? Mono.<Integer>error(new IllegalStateException("boom")) : Mono.just(i)))
				.expectNext(1, 2)
				.verifyErrorMessage("boom");
		AtomicInteger stockCancelled = new AtomicInteger();
		Flux<Integer> stockSource = Flux.range(1, 100).hide().doOnCancel(stockCancelled::incrementAndGet);
		StepVerifier.create(op.stock(stockSource, i -> i == 3 ? Mono.<Integer>error(new IllegalStateException("boom")) : Mono.just(i), 256))
				.expectNext(1, 2)
				.verifyErrorMessage("boom");
		// cancelled, as often as stock cancels it (stock flatMap cancels twice: once per error path)
		assertThat(cancelled).hasPositiveValue().hasValue(stockCancelled.get());
	}

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void resolvedValuesHonourBackpressure(FluxOp op) {
		StepVerifier.create(op.eager(Flux.range(1, 5), i -> Mono.just(i)), 0)
				.expectSubscription()
				.expectNoEvent(Duration.ZERO)
				.thenRequest(2)
				.expectNext(1, 2)
				.thenRequest(1)
				.expectNext(3)
				.thenRequest(10)
				.expectNext(4, 5)
				.verifyComplete();
	}

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void finishedPendingAndEagerResolvedAreResolved(FluxOp op) {
		EagerSink<Integer> done = Eager.sink(() -> { });
		done.tryEmitValue(7);
		EagerStats.Snapshot before = EagerStats.snapshot();
		StepVerifier.create(op.eager(Flux.range(0, 3), i -> i == 0 ? done.asMono() : i == 1 ? Eager.fromCallable(() -> 8) : Flux.just(9)))
				.expectNext(7, 8, 9)
				.verifyComplete();
		assertThat(EagerStats.snapshot().minus(before).count(statsKey(op), EagerStats.Kind.INLINE)).isEqualTo(3);
	}

	// ------------------------------------------------------------------ pending inners

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void pendingInnersCompletedFromAnotherThreadAreEmitted(FluxOp op) {
		List<EagerSink<Integer>> sinks = sinks(4, new AtomicInteger());
		EagerStats.Snapshot before = EagerStats.snapshot();
		List<Integer> seen = new ArrayList<>();
		StepVerifier.create(op.eager(Flux.range(0, 4), i -> sinks.get(i).asMono()))
				.expectSubscription()
				.then(() -> completeInReverse(sinks))
				.recordWith(() -> seen)
				.expectNextCount(4)
				.expectComplete()
				.verify(TIMEOUT);
		if (op.interleaves) {
			assertThat(seen).containsExactlyInAnyOrder(0, 10, 20, 30);
		}
		else {
			assertThat(seen).containsExactly(0, 10, 20, 30);
		}
		// concatMap waits on one pending at a time; the others register as they are reached
		assertThat(EagerStats.snapshot().minus(before).count(statsKey(op), EagerStats.Kind.SUSPENDED)).isBetween(1L, 4L);
	}

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void pendingErrorFailsFastAndCancelsTheOtherPendings(FluxOp op) {
		AtomicInteger cancels = new AtomicInteger();
		List<EagerSink<Integer>> sinks = sinks(3, cancels);
		StepVerifier.create(op.eager(Flux.range(0, 3), i -> sinks.get(i).asMono()))
				.expectSubscription()
				.then(() -> onOtherThread(() -> sinks.get(0).tryEmitError(new IllegalStateException("pending failed"))))
				.expectErrorMessage("pending failed")
				.verify(TIMEOUT);
		if (op == FluxOp.CONCAT_MAP) {
			assertThat(cancels).hasValue(0); // only the failed one was ever waited on
		}
		else {
			assertThat(cancels).hasValue(2); // the two others lost their only observer
		}
	}

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void cancellingRemovesTheContinuationsFromPendingInners(FluxOp op) {
		// stock reaches the same pending inners: each is cancelled by its last observer
		AtomicInteger stockCancels = new AtomicInteger();
		List<EagerSink<Integer>> stockSinks = sinks(3, stockCancels);
		SignalRecorder<Integer> s = new SignalRecorder<>();
		op.stock(Flux.range(0, 3), i -> stockSinks.get(i).asMono(), 256).subscribe(s);
		s.request(5);
		s.cancel();
		AtomicInteger cancels = new AtomicInteger();
		List<EagerSink<Integer>> sinks = sinks(3, cancels);
		SignalRecorder<Integer> r = new SignalRecorder<>();
		op.eager(Flux.range(0, 3), i -> sinks.get(i).asMono()).subscribe(r);
		r.request(5);
		r.cancel();
		assertThat(r.signals()).isEmpty();
		assertThat(cancels).hasValue(op == FluxOp.CONCAT_MAP ? 1 : 3).hasValue(stockCancels.get());
		if (op == FluxOp.CONCAT_MAP) {
			// only the first was reached; it was cancelled by its last (only) observer
			assertThat(sinks.get(0).isDone()).isTrue();
			assertThat(sinks.subList(1, 3)).noneMatch(EagerSink::isDone);
		}
		else {
			assertThat(sinks).allMatch(EagerSink::isDone); // cancelled by their last observer
		}
	}

	// ------------------------------------------------------------------ lazy inners

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void lazyInnersAreSubscribedOnceEach(FluxOp op) {
		AtomicInteger subscriptions = new AtomicInteger();
		EagerStats.Snapshot before = EagerStats.snapshot();
		StepVerifier.create(op.eager(Flux.range(1, 3), i -> Flux.range(i * 10, 2).doOnSubscribe(s -> subscriptions.incrementAndGet())))
				.expectNext(10, 11, 20, 21, 30, 31)
				.verifyComplete();
		assertThat(subscriptions).hasValue(3);
		assertThat(EagerStats.snapshot().minus(before).count(statsKey(op), EagerStats.Kind.LAZY_SUBSCRIPTION)).isEqualTo(3);
	}

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void cancellingCancelsLazyInnerSubscriptions(FluxOp op) {
		AtomicInteger stockCancelled = new AtomicInteger();
		SignalRecorder<Integer> s = new SignalRecorder<>();
		op.stock(Flux.range(1, 2), i -> Mono.<Integer>never().doOnCancel(stockCancelled::incrementAndGet), 256).subscribe(s);
		s.request(5);
		s.cancel();
		AtomicInteger cancelled = new AtomicInteger();
		SignalRecorder<Integer> r = new SignalRecorder<>();
		op.eager(Flux.range(1, 2), i -> Mono.<Integer>never().doOnCancel(cancelled::incrementAndGet)).subscribe(r);
		r.request(5);
		r.cancel();
		assertThat(cancelled).hasValue(op == FluxOp.CONCAT_MAP ? 1 : 2).hasValue(stockCancelled.get());
	}

	// ------------------------------------------------------------------ mixed

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void mixedInnersUnderBackpressureMatchStock(FluxOp op) {
		for (boolean eager : new boolean[] {false, true}) {
			List<EagerSink<Integer>> sinks = sinks(6, new AtomicInteger());
			Flux<Integer> out = eager ? op.eager(Flux.range(0, 6), i -> mixed(i, sinks)) : op.stock(Flux.range(0, 6), i -> mixed(i, sinks), 256);
			List<Integer> seen = new ArrayList<>();
			StepVerifier.create(out, 1)
					.recordWith(() -> seen)
					.then(() -> onOtherThread(() -> sinks.get(1).tryEmitValue(15)))
					.thenRequest(2)
					.then(() -> onOtherThread(() -> sinks.get(4).tryEmitValue(45)))
					.thenRequest(10)
					.expectNextCount(6)
					.expectComplete()
					.verify(TIMEOUT);
			if (op.interleaves) {
				assertThat(seen).containsExactlyInAnyOrder(0, 15, 20, 30, 31, 45);
			}
			else {
				assertThat(seen).containsExactly(0, 15, 20, 30, 31, 45);
			}
		}
	}

	/** 0,3: resolved; 1,4: pending; 2: resolved via Eager.call; 5: lazy empty; 3 is a lazy two-value Flux. */
	static Publisher<Integer> mixed(int i, List<EagerSink<Integer>> sinks) {
		return switch (i) {
			case 0 -> Mono.just(0);
			case 1, 4 -> sinks.get(i).asMono();
			case 2 -> Eager.fromCallable(() -> 20);
			case 3 -> Flux.range(30, 2).hide();
			default -> Mono.<Integer>empty().hide();
		};
	}

	// ------------------------------------------------------------------ operator-level behaviour

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void queuedValuesAreDiscardedOnCancel(FluxOp op) {
		List<Object> discarded = new CopyOnWriteArrayList<>();
		SignalRecorder<Integer> r = new SignalRecorder<>();
		op.eager(Flux.range(1, 3), i -> Mono.just(i)).doOnDiscard(Integer.class, discarded::add).subscribe(r);
		if (op == FluxOp.CONCAT_MAP) {
			// concatMap asks its source only once downstream has: request one, hold the next
			r.request(1);
			assertThat(r.signals()).containsExactly("next(1)");
			r.cancel();
			assertThat(discarded).containsExactly(2);
		}
		else {
			// the source was asked for elements before any demand: their values are queued
			r.cancel();
			assertThat(discarded).containsExactlyInAnyOrder(1, 2, 3);
		}
	}

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void sourceErrorIsDeliveredAndCancelsPendingInners(FluxOp op) {
		AtomicInteger cancels = new AtomicInteger();
		List<EagerSink<Integer>> sinks = sinks(1, cancels);
		StepVerifier.create(op.eager(Flux.just(0).concatWith(Flux.error(new IllegalStateException("source failed"))), i -> sinks.get(i).asMono()))
				.expectErrorMessage("source failed")
				.verify(TIMEOUT);
		assertThat(cancels).hasValue(1);
	}

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void mapperErrorFailsFast(FluxOp op) {
		StepVerifier.create(op.eager(Flux.range(1, 3).hide(), i -> {
					if (i == 2) {
						throw new IllegalArgumentException("mapper failed");
					}
					return Mono.just(i);
				}))
				.expectNext(1)
				.verifyErrorMessage("mapper failed");
	}

	@Test
	void flatMapRequestsItsSourceExactlyAsStockDoes() {
		// flatMap leaves a SYNC source unfused, as stock does: its own emission loop measured
		// faster than pulling it (benchmarks/development-log.md), and the requests are stock's, batch by batch
		List<Long> eager = new CopyOnWriteArrayList<>();
		List<Long> stock = new CopyOnWriteArrayList<>();
		StepVerifier.create(Flux.range(0, 1_000).doOnRequest(eager::add).transform(EagerFlux.flatMap(i -> Mono.just(i))))
				.expectNextCount(1_000)
				.verifyComplete();
		StepVerifier.create(Flux.range(0, 1_000).doOnRequest(stock::add).flatMap(i -> Mono.just(i)))
				.expectNextCount(1_000)
				.verifyComplete();
		assertThat(eager).isEqualTo(stock).hasSizeGreaterThan(1);
	}

	@ParameterizedTest
	@EnumSource(value = FluxOp.class, names = {"CONCAT_MAP", "FLAT_MAP_SEQUENTIAL"})
	void syncFuseableSourceIsPulledNotRequested(FluxOp op) {
		AtomicInteger requests = new AtomicInteger();
		StepVerifier.create(op.eager(Flux.range(1, 3).doOnRequest(n -> requests.incrementAndGet()), i -> Mono.just(i)))
				.expectNext(1, 2, 3)
				.verifyComplete();
		assertThat(requests).as("a SYNC-fused source is polled, its request path is never used").hasValue(0);
		StepVerifier.create(op.stock(Flux.range(1, 3).doOnRequest(n -> requests.incrementAndGet()), i -> Mono.just(i), 256))
				.expectNext(1, 2, 3)
				.verifyComplete();
		assertThat(requests).as("stock requests").hasPositiveValue();
	}

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void nonPositiveRequestSignalsIllegalArgument(FluxOp op) {
		AtomicInteger cancels = new AtomicInteger();
		List<EagerSink<Integer>> sinks = sinks(2, cancels);
		SignalRecorder<Integer> r = new SignalRecorder<>();
		op.eager(Flux.range(0, 2), i -> sinks.get(i).asMono()).subscribe(r);
		r.request(1);
		r.request(-1);
		// §3.9 (stock Reactor only logs it): the pipeline fails and the pending inners are released
		assertThat(r.signals()).hasSize(1).first().asString().startsWith("error(IllegalArgumentException: §3.9");
		assertThat(cancels).hasValue(op == FluxOp.CONCAT_MAP ? 1 : 2);
	}

	@Test
	void flatMapConcurrencyBoundsPendingInnersInFlight() {
		AtomicInteger cancels = new AtomicInteger();
		List<EagerSink<Integer>> sinks = sinks(5, cancels);
		List<Long> requests = new CopyOnWriteArrayList<>();
		StepVerifier.create(Flux.range(0, 5).hide().doOnRequest(requests::add).transform(EagerFlux.flatMap(i -> sinks.get(i).asMono(), 2)))
				.expectSubscription()
				.then(() -> assertThat(requests).containsExactly(2L))
				.then(() -> onOtherThread(() -> sinks.get(1).tryEmitValue(10)))
				.expectNext(10)
				.then(() -> assertThat(requests).containsExactly(2L, 1L))
				.then(() -> completeInReverse(sinks))
				.expectNextCount(4)
				.expectComplete()
				.verify(TIMEOUT);
	}

	@Test
	void flatMapResolvedInnersDoNotHoldConcurrencySlots() {
		List<Long> requests = new CopyOnWriteArrayList<>();
		StepVerifier.create(Flux.range(0, 10).hide().doOnRequest(requests::add).transform(EagerFlux.flatMap(i -> Mono.just(i), 1)))
				.expectNextCount(10)
				.verifyComplete();
		// one element in flight at a time, replenished right after each inline emission
		assertThat(requests).hasSize(11).allMatch(n -> n == 1L);
	}

	@Test
	void flatMapInlineEmissionsThenQueuedValuesNeverExceedDemand() {
		// resolved inners arriving one by one with demand are emitted inline; once the demand is
		// used up, later values wait in the queue and each new request releases exactly that many
		TestPublisher<Integer> source = TestPublisher.create();
		List<Integer> received = new ArrayList<>();
		long[] requested = {0};
		int[] beyondDemand = {0};
		BaseSubscriber<Integer> subscriber = new BaseSubscriber<>() {
			@Override
			protected void hookOnSubscribe(Subscription s) {
			}

			@Override
			protected void hookOnNext(Integer v) {
				received.add(v);
				if (received.size() > requested[0]) {
					beyondDemand[0]++;
				}
			}
		};
		source.flux().transform(EagerFlux.flatMap(i -> Mono.just(i), 512)).subscribe(subscriber);
		requested[0] = 700;
		subscriber.request(700);
		for (int i = 0; i < 760; i++) {
			source.next(i); // 700 inline, then 60 queued
		}
		assertThat(received).hasSize(700);
		for (int chunk : new int[] {30, 1, 29}) {
			requested[0] += chunk;
			subscriber.request(chunk);
			assertThat(received).as("after a request of %d", chunk).hasSize((int) requested[0]);
		}
		requested[0] += 500;
		subscriber.request(500);
		for (int i = 760; i < 1_000; i++) {
			source.next(i);
		}
		source.complete();
		assertThat(beyondDemand[0]).as("values emitted beyond demand").isZero();
		assertThat(received).isEqualTo(IntStream.range(0, 1_000).boxed().toList());
		assertThat(subscriber.isDisposed()).isTrue();
	}

	@Test
	void switchOffBuildsTheStockOperators() {
		EagerPolicy.setEnabled(false);
		Flux<Integer> source = Flux.range(1, 3);
		assertThat(source.transform(EagerFlux.flatMap(i -> Mono.just(i)))).isNotInstanceOf(FluxEagerFlatMap.class);
		assertThat(source.transform(EagerFlux.flatMap(i -> Mono.just(i), 2))).isNotInstanceOf(FluxEagerFlatMap.class);
		assertThat(source.transform(EagerFlux.concatMap(i -> Mono.just(i)))).isNotInstanceOf(FluxEagerConcatMap.class);
		assertThat(source.transform(EagerFlux.flatMapSequential(i -> Mono.just(i)))).isNotInstanceOf(FluxEagerFlatMapSequential.class);
		EagerStats.Snapshot before = EagerStats.snapshot();
		StepVerifier.create(source.transform(EagerFlux.concatMap(i -> Mono.just(i)))).expectNext(1, 2, 3).verifyComplete();
		assertThat(EagerStats.snapshot().minus(before).count(EagerOperator.FLUX_CONCAT_MAP, EagerStats.Kind.INLINE)).isZero();
		EagerPolicy.setEnabled(true);
		assertThat(source.transform(EagerFlux.flatMap(i -> Mono.just(i)))).isInstanceOf(FluxEagerFlatMap.class);
	}

	@Test
	void badArgumentsAreRejectedAtAssembly() {
		assertThatThrownBy(() -> EagerFlux.flatMap(null)).isInstanceOf(NullPointerException.class).hasMessage("mapper");
		assertThatThrownBy(() -> EagerFlux.flatMap(null, 2)).isInstanceOf(NullPointerException.class).hasMessage("mapper");
		assertThatThrownBy(() -> EagerFlux.concatMap(null)).isInstanceOf(NullPointerException.class).hasMessage("mapper");
		assertThatThrownBy(() -> EagerFlux.flatMapSequential(null)).isInstanceOf(NullPointerException.class).hasMessage("mapper");
		assertThatThrownBy(() -> EagerFlux.flatMap(i -> Mono.just(i), 0)).isInstanceOf(IllegalArgumentException.class);
	}

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void scalarSourceAppliesTheFunctionAtSubscription(FluxOp op) {
		StepVerifier.create(op.eager(Flux.just(4), i -> Mono.just(i + 1)))
				.expectNext(5)
				.verifyComplete();
	}

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void aMillionResolvedInnersRequestedOneByOneFromOnNextDoNotGrowTheStack(FluxOp op) {
		// the module's tests run with -Xss512k: a recursion per element would overflow
		for (Flux<Integer> source : List.of(Flux.range(0, 1_000_000), Flux.range(0, 1_000_000).hide())) {
			long[] sum = new long[1];
			boolean[] done = new boolean[1];
			op.eager(source, i -> Mono.just(i)).subscribe(new reactor.core.CoreSubscriber<Integer>() {
				org.reactivestreams.Subscription s;

				@Override
				public void onSubscribe(org.reactivestreams.Subscription s) {
					this.s = s;
					s.request(1);
				}

				@Override
				public void onNext(Integer v) {
					sum[0] += v;
					s.request(1);
				}

				@Override
				public void onError(Throwable t) {
					throw new AssertionError(t);
				}

				@Override
				public void onComplete() {
					done[0] = true;
				}
			});
			assertThat(done[0]).isTrue();
			assertThat(sum[0]).isEqualTo(999_999L * 1_000_000L / 2);
		}
	}

	// ------------------------------------------------------------------ helpers

	static List<EagerSink<Integer>> sinks(int n, AtomicInteger cancels) {
		List<EagerSink<Integer>> sinks = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			sinks.add(Eager.sink(cancels::incrementAndGet));
		}
		return sinks;
	}

	/** Completes sink i with i * 10, last first, each from another thread. */
	static void completeInReverse(List<EagerSink<Integer>> sinks) {
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < sinks.size(); i++) {
			order.add(i);
		}
		Collections.reverse(order);
		for (int i : order) {
			onOtherThread(() -> sinks.get(i).tryEmitValue(i * 10));
		}
	}

	static void onOtherThread(Runnable r) {
		try {
			OTHER_THREAD.submit(r).get(10, java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (Exception e) {
			throw new AssertionError(e);
		}
	}
}
