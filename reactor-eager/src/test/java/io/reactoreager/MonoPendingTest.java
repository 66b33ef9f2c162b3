package io.reactoreager;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.reactoreager.testing.Signals;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/** Cancellation through chains of pendings, and races between completing and cancelling. */
class MonoPendingTest {

	@Test
	void cancellingAPendingAwaitingTheMonoItsFlatMapReturnedCancelsThatMono() {
		AtomicInteger outerCancelled = new AtomicInteger();
		AtomicInteger innerCancelled = new AtomicInteger();
		EagerSink<Integer> outer = Eager.sink(outerCancelled::incrementAndGet);
		EagerSink<Integer> inner = Eager.sink(innerCancelled::incrementAndGet);
		Mono<Integer> m = outer.asMono().transform(Eager.flatMap(x -> inner.asMono())).transform(Eager.map(x -> x + 1));
		Signals.Recorder r = new Signals.Recorder(Context.empty());
		m.subscribe(r);
		outer.tryEmitValue(1);
		r.subscription().cancel();
		assertThat(innerCancelled).hasValue(1);
		assertThat(outerCancelled).as("already completed: nothing to cancel").hasValue(0);
		assertThat(inner.tryEmitValue(2)).isFalse();
		assertThat(r.signals()).isEmpty();
	}

	@Test
	void cancellingAPendingAwaitingALazyMonoItsFlatMapReturnedCancelsTheSubscription() {
		AtomicInteger cancelled = new AtomicInteger();
		EagerSink<Integer> outer = Eager.sink(() -> { });
		Mono<Integer> m = outer.asMono().transform(Eager.flatMap(x -> Mono.<Integer>never().doOnCancel(cancelled::incrementAndGet)));
		Signals.Recorder r = new Signals.Recorder(Context.empty());
		m.subscribe(r);
		outer.tryEmitValue(1);
		r.subscription().cancel();
		assertThat(cancelled).hasValue(1);
		assertThat(r.signals()).isEmpty();
	}

	@Test
	void cancellingALazyChainSuspendedOnAPendingCancelsThePending() {
		AtomicInteger cancelled = new AtomicInteger();
		EagerSink<Integer> pending = Eager.sink(cancelled::incrementAndGet);
		Mono<Integer> m = Mono.fromCallable(() -> 1).transform(Eager.flatMap(x -> pending.asMono())).transform(Eager.map(x -> x + 1));
		Signals.Recorder r = new Signals.Recorder(Context.empty());
		m.subscribe(r);
		r.subscription().cancel();
		assertThat(cancelled).hasValue(1);
		assertThat(pending.tryEmitValue(5)).isFalse();
		assertThat(r.signals()).isEmpty();
	}

	@Test
	void aPendingKeptByAnotherObserverIsNotCancelledByALazyChainCancelling() {
		AtomicInteger cancelled = new AtomicInteger();
		EagerSink<Integer> pending = Eager.sink(cancelled::incrementAndGet);
		Signals.Recorder other = new Signals.Recorder(Context.empty());
		pending.asMono().subscribe(other);
		Signals.Recorder r = new Signals.Recorder(Context.empty());
		Mono.fromCallable(() -> 1).transform(Eager.flatMap(x -> pending.asMono())).subscribe(r);
		r.subscription().cancel();
		assertThat(cancelled).hasValue(0);
		pending.tryEmitValue(5);
		assertThat(other.signals()).containsExactly(Signals.onNext(5), Signals.ON_COMPLETE);
		assertThat(r.signals()).isEmpty();
	}

	/**
	 * Regression: a subscription arriving after the pending was cancelled (the lazy Mono a flatMap
	 * returned calls onSubscribe late) used to be kept and requested; it must be cancelled.
	 */
	@Test
	void aSubscriptionArrivingAfterCancellationIsCancelled() {
		java.util.concurrent.atomic.AtomicReference<org.reactivestreams.Subscriber<? super Integer>> late = new java.util.concurrent.atomic.AtomicReference<>();
		org.reactivestreams.Publisher<Integer> lateSubscribingPublisher = late::set;
		Mono<Integer> lateSubscribing = Mono.from(lateSubscribingPublisher);
		EagerSink<Integer> sink = Eager.sink(() -> { });
		Mono<Integer> m = sink.asMono().transform(Eager.flatMap(x -> lateSubscribing));
		Signals.Recorder r = new Signals.Recorder(Context.empty());
		m.subscribe(r);
		sink.tryEmitValue(1);
		assertThat(late.get()).as("the lazy Mono was subscribed").isNotNull();
		r.subscription().cancel();
		AtomicInteger cancelled = new AtomicInteger();
		AtomicInteger requested = new AtomicInteger();
		late.get().onSubscribe(new org.reactivestreams.Subscription() {
			@Override
			public void request(long n) {
				if (cancelled.get() == 0) {
					requested.incrementAndGet();
				}
			}

			@Override
			public void cancel() {
				cancelled.incrementAndGet();
			}
		});
		assertThat(cancelled).hasValue(1);
		assertThat(requested).as("not requested before being cancelled").hasValue(0);
		late.get().onNext(2);
		late.get().onComplete();
		assertThat(r.signals()).isEmpty();
	}

	/**
	 * Completing from one thread while the only observer cancels on another: exactly one of the two
	 * wins; the observer sees the whole outcome or nothing, never a partial or a late signal.
	 */
	@Test
	void completingRacingTheLastObserverCancellingHasExactlyOneWinner() throws InterruptedException {
		int rounds = 20_000;
		for (int i = 0; i < rounds; i++) {
			AtomicInteger onCancel = new AtomicInteger();
			EagerSink<Integer> sink = Eager.sink(onCancel::incrementAndGet);
			Mono<Integer> m = sink.asMono().transform(Eager.map(x -> x + 1));
			Signals.Recorder r = new Signals.Recorder(Context.empty());
			m.subscribe(r);
			AtomicBoolean emitted = new AtomicBoolean();
			CountDownLatch done = new CountDownLatch(1);
			Schedulers.parallel().schedule(() -> {
				emitted.set(sink.tryEmitValue(1));
				done.countDown();
			});
			r.subscription().cancel();
			assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
			List<String> signals = r.signals();
			assertThat(signals).isIn(List.of(), List.of(Signals.onNext(2), Signals.ON_COMPLETE));
			assertThat(onCancel.get() == 1).as("round %d: onCancel ran xor the value was emitted", i).isNotEqualTo(emitted.get());
			assertThat(onCancel.get()).isLessThanOrEqualTo(1);
			if (!signals.isEmpty()) {
				assertThat(emitted).isTrue();
			}
		}
	}

	@Test
	void concurrentSubscribersAllSeeTheOneOutcome() throws InterruptedException {
		for (int i = 0; i < 2_000; i++) {
			int v = i + 1;
			EagerSink<Integer> sink = Eager.sink(() -> { });
			Mono<Integer> m = sink.asMono().transform(Eager.map(x -> x * 2));
			Signals.Recorder a = new Signals.Recorder(Context.empty());
			Signals.Recorder b = new Signals.Recorder(Context.empty());
			CountDownLatch subscribed = new CountDownLatch(1);
			Schedulers.parallel().schedule(() -> {
				m.subscribe(b);
				subscribed.countDown();
			});
			Schedulers.parallel().schedule(() -> sink.tryEmitValue(v));
			m.subscribe(a);
			assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
			a.await();
			b.await();
			assertThat(a.signals()).containsExactly(Signals.onNext(2 * v), Signals.ON_COMPLETE);
			assertThat(b.signals()).isEqualTo(a.signals());
		}
	}

	/**
	 * A whenComplete callback that throws must not stop the other observers of the same pending
	 * from getting the outcome, nor throw into the thread completing the pending; the exception
	 * goes to {@code Hooks.onErrorDropped}.
	 */
	@Test
	void aThrowingWhenCompleteCallbackDoesNotStopTheOtherObservers() {
		java.util.List<Throwable> dropped = new java.util.concurrent.CopyOnWriteArrayList<>();
		reactor.core.publisher.Hooks.onErrorDropped(dropped::add);
		try {
			EagerSink<Integer> sink = Eager.sink(() -> { });
			RuntimeException boom = new IllegalStateException("callback threw");
			Eager.whenComplete(sink.asMono(), Context.empty(), (v, e) -> { throw boom; });
			Signals.Recorder r = new Signals.Recorder(Context.empty());
			sink.asMono().subscribe(r);
			assertThat(sink.tryEmitValue(7)).isTrue();
			assertThat(r.signals()).containsExactly(Signals.onNext(7), Signals.ON_COMPLETE);
			assertThat(dropped).containsExactly(boom);
		}
		finally {
			reactor.core.publisher.Hooks.resetOnErrorDropped();
		}
	}
}
