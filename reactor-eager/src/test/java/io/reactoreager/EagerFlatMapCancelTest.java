package io.reactoreager;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling a flatMap once its function returned reaches the inner Mono, whatever the input
 * (resolved, pending, lazy) and the inner (started work, lazy work), as with stock
 * {@code Mono.flatMap}.
 */
class EagerFlatMapCancelTest {

	enum InputKind {
		RESOLVED, PENDING, LAZY
	}

	/** What the flatMap's function returns, and what follows it. */
	enum Shape {
		STARTED_INNER, LAZY_INNER, STARTED_INNER_THEN_MAP;

		Function<Mono<Integer>, Mono<Integer>> eager(Work w) {
			return switch (this) {
				case STARTED_INNER -> Eager.flatMap(x -> Eager.start(w.lazy()));
				case LAZY_INNER -> Eager.flatMap(x -> w.lazy());
				case STARTED_INNER_THEN_MAP -> m -> m.transform(Eager.flatMap(x -> Eager.start(w.lazy()))).transform(Eager.map(x -> x + 1));
			};
		}

		Function<Mono<Integer>, Mono<Integer>> stock(Work w) {
			return this == STARTED_INNER_THEN_MAP ? m -> m.flatMap(x -> w.lazy()).map(x -> x + 1) : m -> m.flatMap(x -> w.lazy());
		}
	}

	/** Work that never finishes: counts its starts and its cancellations. */
	static final class Work {

		final AtomicInteger started = new AtomicInteger();
		final AtomicInteger cancelled = new AtomicInteger();

		Mono<Integer> lazy() {
			return Mono.<Integer>never().doOnSubscribe(s -> started.incrementAndGet()).doOnCancel(cancelled::incrementAndGet);
		}
	}

	/** Subscribes, lets the input deliver 1, disposes; returns the work's (started, cancelled). */
	static int[] run(InputKind input, Function<Mono<Integer>, Mono<Integer>> flatMap, Work work) {
		Sinks.One<Integer> lazySource = Sinks.one();
		EagerSink<Integer> pendingSource = Eager.sink(() -> { });
		Mono<Integer> source = switch (input) {
			case RESOLVED -> Mono.just(1);
			case PENDING -> pendingSource.asMono();
			case LAZY -> lazySource.asMono();
		};
		Disposable d = source.transform(flatMap).subscribe();
		lazySource.tryEmitValue(1);
		pendingSource.tryEmitValue(1);
		d.dispose();
		return new int[] {work.started.get(), work.cancelled.get()};
	}

	static Stream<Arguments> cases() {
		return Stream.of(InputKind.values()).flatMap(i -> Stream.of(Shape.values()).map(s -> Arguments.of(i, s)));
	}

	@ParameterizedTest(name = "{0} input, {1}")
	@MethodSource("cases")
	void cancellingAFlatMapCancelsItsInner(InputKind input, Shape shape) {
		Work eager = new Work();
		Work stock = new Work();
		int[] e = run(input, shape.eager(eager), eager);
		int[] s = run(input, shape.stock(stock), stock);
		assertThat(s).as("stock: started, cancelled").containsExactly(1, 1);
		assertThat(e).as("eager: started, cancelled").containsExactly(1, 1);
	}
}
