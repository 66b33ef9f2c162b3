package io.reactoreager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import io.reactoreager.testing.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stock operators downstream of each eager Flux operator (some of which request fusion or prefetch
 * from their source) give the signals they give downstream of its stock twin.
 */
class EagerFluxStockOperatorsTest {

	record Named<T>(String name, T f) { }

	/** Each eager Flux operator and its stock twin, over resolved inners and a pending one. */
	static List<Named<Function<Flux<Integer>, Flux<Integer>>[]>> eagerAndStock() {
		Function<Integer, Mono<Integer>> inner = x -> x % 3 == 0 ? Mono.just(x).delayElement(Duration.ofMillis(1)) : Mono.just(x * 10);
		Function<Integer, Mono<Integer>> eagerInner = x -> {
			if (x % 3 != 0) {
				return Eager.just(x * 10);
			}
			EagerSink<Integer> sink = Eager.sink(() -> { });
			Schedulers.parallel().schedule(() -> sink.tryEmitValue(x), 1, java.util.concurrent.TimeUnit.MILLISECONDS);
			return sink.asMono();
		};
		Function<Integer, Mono<Boolean>> test = x -> Mono.just(x % 2 == 0);
		List<Named<Function<Flux<Integer>, Flux<Integer>>[]>> all = new ArrayList<>();
		all.add(pair("flatMapSequential", f -> f.transform(EagerFlux.flatMapSequential(eagerInner)), f -> f.flatMapSequential(inner)));
		all.add(pair("concatMap", f -> f.transform(EagerFlux.concatMap(eagerInner)), f -> f.concatMap(inner)));
		all.add(pair("filterWhen", f -> f.transform(EagerFlux.filterWhen(test)), f -> f.filterWhen(test)));
		all.add(pair("flatMap (sorted)", f -> f.transform(EagerFlux.flatMap(eagerInner)).sort(), f -> f.flatMap(inner).sort()));
		return all;
	}

	@SuppressWarnings("unchecked")
	static Named<Function<Flux<Integer>, Flux<Integer>>[]> pair(String name, Function<Flux<Integer>, Flux<Integer>> eager,
			Function<Flux<Integer>, Flux<Integer>> stock) {
		return new Named<>(name, new Function[] {eager, stock});
	}

	static List<Named<Function<Flux<Integer>, Publisher<?>>>> downstream() {
		List<Named<Function<Flux<Integer>, Publisher<?>>>> all = new ArrayList<>();
		all.add(new Named<>("map", f -> f.map(x -> x + 1)));
		all.add(new Named<>("filter", f -> f.filter(x -> x % 4 != 0)));
		all.add(new Named<>("publishOn", f -> f.publishOn(Schedulers.single(), 2)));
		all.add(new Named<>("take", f -> f.take(3)));
		all.add(new Named<>("limitRate", f -> f.limitRate(2)));
		all.add(new Named<>("buffer", f -> f.buffer(2)));
		all.add(new Named<>("concatMap", f -> f.concatMap(x -> Mono.just(x).hide(), 1)));
		all.add(new Named<>("flatMap", f -> f.flatMap(x -> Flux.just(x, -x), 2).sort()));
		all.add(new Named<>("collectList", Flux::collectList));
		all.add(new Named<>("zipWith", f -> f.zipWith(Flux.range(100, 100), 1)));
		all.add(new Named<>("skip and last", f -> f.skip(1).last(-1)));
		all.add(new Named<>("onBackpressureBuffer", f -> f.onBackpressureBuffer().publishOn(Schedulers.parallel(), 1)));
		return all;
	}

	static Stream<Arguments> cases() {
		return eagerAndStock().stream().flatMap(op -> downstream().stream()
				.map(d -> Arguments.of(op.name(), d.name(), op.f()[0], op.f()[1], d.f())));
	}

	@ParameterizedTest(name = "{1} after {0}")
	@MethodSource("cases")
	void aStockOperatorDownstreamOfAnEagerFluxOperatorSeesItsStockTwinsSignals(String operator, String downstream,
			Function<Flux<Integer>, Flux<Integer>> eager, Function<Flux<Integer>, Flux<Integer>> stock,
			Function<Flux<Integer>, Publisher<?>> after) {
		List<String> expected = Signals.record(after.apply(stock.apply(Flux.range(1, 12))));
		assertThat(Signals.record(after.apply(eager.apply(Flux.range(1, 12))))).isEqualTo(expected);
	}
}
