package io.reactoreager;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;

import io.reactoreager.testing.MisbehavingMono;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one late-signal policy of the single-outcome subscribers ({@link OutcomeSubscriber}: the
 * lazy chain's, a lazy inner's, a pending's, {@code whenComplete}'s), beside stock: a source that
 * breaks the Mono contract (a second value, then a completion, then an error) gets its extra
 * value to {@code Hooks.onNextDropped} and its late error to {@code Hooks.onErrorDropped}, as
 * the stock operator (or stock's final subscriber) reports them, and the subscriber sees one
 * outcome.
 */
class OutcomeSubscriberLateSignalTest {

	final List<Object> droppedValues = new CopyOnWriteArrayList<>();
	final List<String> droppedErrors = new CopyOnWriteArrayList<>();

	@BeforeEach
	void hooks() {
		Hooks.onNextDropped(droppedValues::add);
		Hooks.onErrorDropped(e -> droppedErrors.add(e.getMessage()));
	}

	@AfterEach
	void reset() {
		Hooks.resetOnNextDropped();
		Hooks.resetOnErrorDropped();
	}


	record Case(String name, Function<Mono<Integer>, Mono<Integer>> eager, Function<Mono<Integer>, Mono<Integer>> stock) {
		@Override
		public String toString() {
			return name;
		}
	}

	static Stream<Arguments> subscribers() {
		return Stream.of(
				// MonoLazyChain.ChainSubscriber
				new Case("lazy chain", m -> m.transform(Eager.filter(x -> true)), m -> m.filter(x -> true)),
				// MonoLazyChain.LazyInner
				new Case("lazy inner of a lazy chain", m -> Mono.fromCallable(() -> 0).transform(Eager.flatMap(x -> m)),
						m -> Mono.fromCallable(() -> 0).flatMap(x -> m)),
				// MonoPending.PendingSubscriber, beside a plain stock subscription of the source
				// (the switch-off twin, Mono.fromFuture(m.toFuture()), loses the late error: stock's
				// toFuture subscriber ignores an error after its value without onErrorDropped)
				new Case("pending", Eager::start, m -> m),
				// EagerCallback: Eager.whenComplete, beside stock's subscribe(consumer, errorConsumer)
				new Case("whenComplete", m -> Mono.create(sink -> Eager.whenComplete(m, Context.empty(), (v, e) -> {
					if (e != null) {
						sink.error(e);
					}
					else {
						sink.success(v);
					}
				})), m -> Mono.create(sink -> m.subscribe(sink::success, sink::error, sink::success))))
				.map(Arguments::of);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("subscribers")
	void lateValueAndErrorAreDroppedAsWithStock(Case c) {
		List<Object> stockSeen = new CopyOnWriteArrayList<>();
		c.stock().apply(MisbehavingMono.twoValuesThenError(true)).subscribe(stockSeen::add, e -> stockSeen.add("error " + e.getMessage()), () -> stockSeen.add("complete"));
		List<Object> stockValues = List.copyOf(droppedValues);
		List<String> stockErrors = List.copyOf(droppedErrors);
		droppedValues.clear();
		droppedErrors.clear();

		List<Object> eagerSeen = new CopyOnWriteArrayList<>();
		c.eager().apply(MisbehavingMono.twoValuesThenError(true)).subscribe(eagerSeen::add, e -> eagerSeen.add("error " + e.getMessage()), () -> eagerSeen.add("complete"));

		assertThat(eagerSeen).as("signals").isEqualTo(stockSeen).containsExactly(1, "complete");
		assertThat(droppedValues).as("onNextDropped").isEqualTo(stockValues);
		assertThat(droppedErrors).as("onErrorDropped").isEqualTo(stockErrors);
		// the policy: the second value and the late error are reported, not lost
		assertThat(droppedValues).contains(2);
		assertThat(droppedErrors).contains("late");
	}
}
