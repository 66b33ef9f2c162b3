package io.reactoreager;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.reactoreager.testing.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Reactive Streams rules the TCK skips when a publisher emits at most one element (§3.9 bad
 * requests, backpressure of the one value, requests and cancels after cancel), for every
 * {@link MonoDelivery}-based publisher: a pending (sink), a pending join, a lazy chain.
 */
class MonoDeliveryTest {

	/** Publishers of the value 3: {@code complete} makes it available (from another thread for the pendings). */
	record Case(String name, Supplier<Object[]> make) {

		@Override
		public String toString() {
			return name;
		}
	}

	static Stream<Arguments> publishers() {
		return Stream.of(
				new Case("pending sink", () -> {
					EagerSink<Integer> s = Eager.sink(() -> { });
					return new Object[] {s.asMono(), (Runnable) () -> s.tryEmitValue(3)};
				}),
				new Case("pending join", () -> {
					EagerSink<Integer> s = Eager.sink(() -> { });
					Mono<Integer> z = Eager.zip(List.of(s.asMono(), Mono.just(2)), v -> (Integer) v[0]);
					return new Object[] {z, (Runnable) () -> s.tryEmitValue(3)};
				}),
				new Case("lazy chain", () -> new Object[] {Mono.fromCallable(() -> 2).transform(Eager.map(x -> x + 1)), (Runnable) () -> { }}),
				new Case("lazy chain suspended on a pending", () -> {
					EagerSink<Integer> s = Eager.sink(() -> { });
					Mono<Integer> m = Mono.fromCallable(() -> 2).transform(Eager.flatMap(x -> s.asMono()));
					return new Object[] {m, (Runnable) () -> s.tryEmitValue(3)};
				})).map(Arguments::of);
	}

	@SuppressWarnings("unchecked")
	private static Mono<Integer> mono(Object[] made) {
		return (Mono<Integer>) made[0];
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("publishers")
	void theValueWaitsForTheFirstRequest(Case c) {
		Object[] made = c.make().get();
		Signals.Recorder r = new Signals.Recorder(Context.empty(), 0);
		mono(made).subscribe(r);
		((Runnable) made[1]).run();
		assertThat(r.signals()).as("the value is held until requested").isEmpty();
		r.subscription().request(1);
		r.await();
		assertThat(r.signals()).containsExactly(Signals.onNext(3), Signals.ON_COMPLETE);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("publishers")
	void theValueCompletedFromAnotherThreadIsDeliveredOnRequest(Case c) {
		Object[] made = c.make().get();
		StepVerifier.create(mono(made), 0)
				.then(() -> Schedulers.parallel().schedule((Runnable) made[1]))
				.thenRequest(1)
				.expectNext(3)
				.expectComplete()
				.verify(Signals.TIMEOUT);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("publishers")
	void aRequestOfZeroOrLessSignalsIllegalArgumentException(Case c) {
		for (long n : new long[] {0, -1, Long.MIN_VALUE}) {
			Object[] made = c.make().get();
			Signals.Recorder r = new Signals.Recorder(Context.empty(), 0);
			mono(made).subscribe(r);
			r.subscription().request(n);
			r.await();
			assertThat(r.signals()).hasSize(1);
			assertThat(r.signals().get(0)).startsWith("onError(java.lang.IllegalArgumentException: §3.9");
			((Runnable) made[1]).run();
			r.subscription().request(1);
			assertThat(r.signals()).as("nothing after the error").hasSize(1);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("publishers")
	void requestsAndCancelsAfterCancelAreNoOps(Case c) {
		Object[] made = c.make().get();
		Signals.Recorder r = new Signals.Recorder(Context.empty(), 0);
		mono(made).subscribe(r);
		r.subscription().cancel();
		r.subscription().request(1);
		r.subscription().request(0);
		r.subscription().cancel();
		((Runnable) made[1]).run();
		assertThat(r.signals()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("publishers")
	void requestsAddingPastLongMaxValueDeliverOnce(Case c) {
		Object[] made = c.make().get();
		Signals.Recorder r = new Signals.Recorder(Context.empty(), 0);
		mono(made).subscribe(r);
		r.subscription().request(Long.MAX_VALUE);
		r.subscription().request(Long.MAX_VALUE);
		((Runnable) made[1]).run();
		r.await();
		assertThat(r.signals()).containsExactly(Signals.onNext(3), Signals.ON_COMPLETE);
	}
}
