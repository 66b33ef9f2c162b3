package io.reactoreager;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.reactoreager.testing.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A value from a pending input that a step drops (filtered out, ignored by {@code then()}) or
 * that is held for a subscriber that cancels before requesting reaches the discard hook of the
 * subscriber's Context, once per subscriber, like stock operators over {@code Sinks.one()}; the
 * pending's own Context does not get it.
 */
class MonoPendingDiscardTest {

	/** Where the pending input's value is dropped. */
	enum Drop {
		FILTER, THEN, THEN_MONO, FILTER_THEN_MAP, FLAT_MAP_TO_FILTERED, HELD_THEN_CANCELLED;

		Function<Mono<Integer>, Mono<Integer>> eager() {
			return switch (this) {
				case FILTER -> Eager.filter(x -> x > 10);
				case THEN -> m -> m.transform(Eager.then()).transform(Eager.thenReturn(0)).transform(Eager.filter(x -> false));
				case THEN_MONO -> m -> m.transform(Eager.then(Mono.<Integer>empty()));
				case FILTER_THEN_MAP -> m -> m.transform(Eager.filter(x -> x > 10)).transform(Eager.map(x -> x + 1));
				case FLAT_MAP_TO_FILTERED -> Eager.flatMap(x -> {
					EagerSink<Integer> inner = Eager.sink(() -> { });
					Mono<Integer> filtered = inner.asMono().transform(Eager.filter(y -> y > 10));
					inner.tryEmitValue(x + 1);
					return filtered;
				});
				case HELD_THEN_CANCELLED -> m -> m;
			};
		}

		Function<Mono<Integer>, Mono<Integer>> stock() {
			return switch (this) {
				case FILTER -> m -> m.filter(x -> x > 10);
				case THEN -> m -> m.then().thenReturn(0).filter(x -> false);
				case THEN_MONO -> m -> m.then(Mono.<Integer>empty());
				case FILTER_THEN_MAP -> m -> m.filter(x -> x > 10).map(x -> x + 1);
				case FLAT_MAP_TO_FILTERED -> m -> m.flatMap(x -> {
					Sinks.One<Integer> inner = Sinks.one();
					Mono<Integer> filtered = inner.asMono().filter(y -> y > 10);
					inner.tryEmitValue(x + 1);
					return filtered;
				});
				case HELD_THEN_CANCELLED -> m -> m;
			};
		}
	}

	/**
	 * Two subscribers (one before the input completes, one after), each with its own discard hook;
	 * returns what each discarded, the first's then the second's.
	 */
	static List<List<Object>> run(Drop drop, Mono<Integer> source, Runnable complete, Function<Mono<Integer>, Mono<Integer>> op) {
		List<Object> first = new CopyOnWriteArrayList<>();
		List<Object> second = new CopyOnWriteArrayList<>();
		long request = drop == Drop.HELD_THEN_CANCELLED ? 0 : Long.MAX_VALUE;
		Mono<Integer> m = source.transform(op);
		Signals.Recorder a = new Signals.Recorder(Operators.enableOnDiscard(Context.empty(), first::add), request);
		m.subscribe(a);
		complete.run();
		Signals.Recorder b = new Signals.Recorder(Operators.enableOnDiscard(Context.empty(), second::add), request);
		m.subscribe(b);
		if (drop == Drop.HELD_THEN_CANCELLED) {
			a.subscription().cancel();
			b.subscription().cancel();
		}
		return List.of(first, second);
	}

	@ParameterizedTest
	@EnumSource(Drop.class)
	void aValueDroppedOnAPendingInputReachesEachSubscribersDiscardHook(Drop drop) {
		Sinks.One<Integer> stockSink = Sinks.one();
		List<List<Object>> stock = run(drop, stockSink.asMono(), () -> stockSink.tryEmitValue(1), drop.stock());
		EagerSink<Integer> sink = Eager.sink(() -> { });
		List<List<Object>> eager = run(drop, sink.asMono(), () -> sink.tryEmitValue(1), drop.eager());
		assertThat(stock.get(0)).as("stock drops something").isNotEmpty();
		assertThat(eager).isEqualTo(stock);
	}

	@ParameterizedTest
	@EnumSource(value = Drop.class, names = {"FILTER", "THEN"})
	void theDiscardHookOfTheContextThePendingWasStartedWithDoesNotGetIt(Drop drop) {
		List<Object> ofStart = new CopyOnWriteArrayList<>();
		Context startContext = Operators.enableOnDiscard(Context.empty(), ofStart::add);
		CompletableFuture<Integer> work = new CompletableFuture<>();
		List<List<Object>> stock = run(drop, Mono.fromFuture(Mono.fromFuture(work).contextWrite(startContext).toFuture()),
				() -> work.complete(1), drop.stock());
		CompletableFuture<Integer> eagerWork = new CompletableFuture<>();
		List<List<Object>> eager = run(drop, Eager.start(Mono.fromFuture(eagerWork), startContext), () -> eagerWork.complete(1), drop.eager());
		assertThat(eager).isEqualTo(stock);
		assertThat(ofStart).isEmpty();
	}
}
