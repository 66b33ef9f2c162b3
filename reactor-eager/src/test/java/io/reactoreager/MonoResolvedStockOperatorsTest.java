package io.reactoreager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.reactoreager.testing.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Fuseable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resolved value made by the eager operators is a {@link Fuseable} Mono, as {@code Mono.just}
 * is, so stock operators applied to it pick their fused variants ({@code map} becomes
 * {@code MonoMapFuseable}, which casts its subscription to a {@code QueueSubscription}). Every stock
 * operator must give it the signals it gives {@code Mono.just} of the same value.
 */
class MonoResolvedStockOperatorsTest {

	/** Resolved eager Monos of the value 2, made in each way the library makes them. */
	static List<Supplier<Mono<Integer>>> resolvedTwos() {
		return List.of(
				() -> Eager.just(2),
				() -> Mono.just(1).transform(Eager.map(x -> x + 1)),
				() -> Eager.of(Mono.just(1)).flatMap(x -> Eager.just(x + 1)).toMono(),
				() -> Eager.fromCallable(() -> 2));
	}

	record Named(String name, Function<Mono<Integer>, Publisher<?>> operator) { }

	/** Stock operators applied to a {@code Mono<Integer>}, by name. */
	static List<Named> stockOperators() {
		List<Named> all = new ArrayList<>();
		add(all, "map", m -> m.map(x -> x * 10));
		add(all, "filter keeps", m -> m.filter(x -> x > 0));
		add(all, "filter drops", m -> m.filter(x -> x < 0));
		add(all, "handle", m -> m.<Integer>handle((x, sink) -> sink.next(x + 5)));
		add(all, "flatMap", m -> m.flatMap(x -> Mono.just(x * 3)));
		add(all, "zipWhen", m -> Mono.just(7).zipWhen(x -> m));
		add(all, "zipWith", m -> m.zipWith(Mono.just("b")));
		add(all, "then", m -> m.then(Mono.just("next")));
		add(all, "thenReturn", m -> m.thenReturn("r"));
		add(all, "defaultIfEmpty", m -> m.defaultIfEmpty(0));
		add(all, "switchIfEmpty", m -> m.switchIfEmpty(Mono.just(0)));
		add(all, "doOnNext", m -> m.doOnNext(x -> { }));
		add(all, "cast", m -> m.cast(Number.class));
		add(all, "publishOn", m -> m.publishOn(Schedulers.single()));
		add(all, "subscribeOn", m -> m.subscribeOn(Schedulers.single()));
		add(all, "delayElement", m -> m.delayElement(Duration.ofMillis(1)));
		add(all, "cache", Mono::cache);
		add(all, "flux map", m -> m.flux().map(x -> x - 1));
		add(all, "concatWith", m -> m.concatWith(Mono.just(9)));
		add(all, "mergeWith", m -> m.mergeWith(Mono.just(9)).sort());
		add(all, "Flux.concat", m -> Flux.concat(m, m));
		add(all, "Flux.range flatMap", m -> Flux.range(1, 3).flatMap(i -> m.map(x -> x * i)));
		add(all, "Flux.range concatMap", m -> Flux.range(1, 3).concatMap(i -> m.map(x -> x + i)));
		add(all, "repeat", m -> m.repeat(2));
		add(all, "collectList", m -> m.flux().collectList());
		add(all, "filterWhen", m -> m.filterWhen(x -> Mono.just(true)));
		add(all, "checkpoint", m -> m.checkpoint("here"));
		add(all, "hide", Mono::hide);
		add(all, "onErrorResume", m -> m.onErrorResume(e -> Mono.just(-1)));
		add(all, "onErrorReturn", m -> m.onErrorReturn(-1));
		add(all, "timeout", m -> m.timeout(Duration.ofSeconds(5)));
		add(all, "retry", m -> m.retry(1));
		add(all, "materialize", m -> m.materialize().map(Object::toString));
		add(all, "Mono.zip", m -> Mono.zip(m, Mono.just("z")));
		add(all, "Mono.when", m -> Mono.when(m, Mono.just("w")));
		add(all, "firstWithValue", m -> Mono.firstWithValue(m, Mono.just(-1).delayElement(Duration.ofSeconds(1))));
		add(all, "take", m -> m.flux().take(1));
		add(all, "single", m -> m.flux().single());
		add(all, "hasElement", Mono::hasElement);
		add(all, "ignoreElement", Mono::ignoreElement);
		add(all, "contextWrite", m -> m.contextWrite(Context.of("k", "v")));
		add(all, "doFinally", m -> m.doFinally(signal -> { }));
		add(all, "doOnSuccess", m -> m.doOnSuccess(x -> { }));
		add(all, "name and tag", m -> m.name("n").tag("k", "v"));
		add(all, "mapNotNull", m -> m.mapNotNull(x -> x > 1 ? x : null));
		add(all, "flatMapMany", m -> m.flatMapMany(x -> Flux.range(0, x)));
		add(all, "expand", m -> m.expand(x -> x > 0 ? Mono.just(x - 1) : Mono.empty()));
		return all;
	}

	static void add(List<Named> all, String name, Function<Mono<Integer>, Publisher<?>> operator) {
		all.add(new Named(name, operator));
	}

	static Stream<Arguments> across(List<Supplier<Mono<Integer>>> sources) {
		return stockOperators().stream().flatMap(op -> Stream.iterate(0, i -> i < sources.size(), i -> i + 1)
				.map(i -> Arguments.of(op.name(), i, sources.get(i), op.operator())));
	}

	static Stream<Arguments> operators() {
		return across(resolvedTwos());
	}

	/** Pending eager Monos of the value 2: finished before the operator subscribes, and finished from another thread after. */
	static Stream<Arguments> operatorsOnPending() {
		List<Supplier<Mono<Integer>>> sources = List.of(
				() -> {
					EagerSink<Integer> sink = Eager.sink(() -> { });
					sink.tryEmitValue(2);
					return sink.asMono();
				},
				() -> {
					EagerSink<Integer> sink = Eager.sink(() -> { });
					Schedulers.parallel().schedule(() -> sink.tryEmitValue(2), 2, java.util.concurrent.TimeUnit.MILLISECONDS);
					return sink.asMono();
				});
		return across(sources);
	}

	@ParameterizedTest(name = "{0} on resolved source {1}")
	@MethodSource("operators")
	void aStockOperatorGivesAResolvedEagerMonoTheSignalsItGivesMonoJust(String name, int source, Supplier<Mono<Integer>> resolved,
			Function<Mono<Integer>, Publisher<?>> operator) {
		Mono<Integer> m = resolved.get();
		assertThat(m).isInstanceOf(MonoResolved.class).isInstanceOf(Fuseable.class);
		assertThat(Signals.record(operator.apply(m))).isEqualTo(Signals.record(operator.apply(Mono.just(2))));
	}

	@ParameterizedTest(name = "{0} on pending source {1}")
	@MethodSource("operatorsOnPending")
	void aStockOperatorGivesAPendingEagerMonoTheSignalsItGivesMonoJust(String name, int source, Supplier<Mono<Integer>> pending,
			Function<Mono<Integer>, Publisher<?>> operator) {
		assertThat(Signals.record(operator.apply(pending.get()))).isEqualTo(Signals.record(operator.apply(Mono.just(2))));
	}

	static Stream<Arguments> operatorsOnEmptyAndError() {
		return stockOperators().stream().flatMap(op -> Stream.of(
				Arguments.of(op.name(), "empty", (Supplier<Mono<Integer>>) () -> Mono.just(1).transform(Eager.filter(x -> false)),
						(Supplier<Mono<Integer>>) Mono::empty, op.operator()),
				Arguments.of(op.name(), "error", (Supplier<Mono<Integer>>) () -> Mono.just(1).<Integer>transform(Eager.map(x -> {
							throw new IllegalStateException("boom");
						})),
						(Supplier<Mono<Integer>>) () -> Mono.error(new IllegalStateException("boom")), op.operator())));
	}

	@ParameterizedTest(name = "{0} on resolved {1}")
	@MethodSource("operatorsOnEmptyAndError")
	void aStockOperatorGivesAResolvedEmptyOrErrorTheSignalsOfItsStockTwin(String name, String outcome, Supplier<Mono<Integer>> resolved,
			Supplier<Mono<Integer>> stock, Function<Mono<Integer>, Publisher<?>> operator) {
		Mono<Integer> m = resolved.get();
		assertThat(m).isInstanceOf(MonoResolved.class);
		assertThat(Signals.record(operator.apply(m))).isEqualTo(Signals.record(operator.apply(stock.get())));
	}

	@Test
	void itsSubscriptionFusesInSyncModeAndRefusesAsyncOnly() {
		StepVerifier.create(Eager.just(2)).expectFusion(Fuseable.SYNC).expectNext(2).verifyComplete();
		StepVerifier.create(Eager.just(2)).expectFusion(Fuseable.ANY, Fuseable.SYNC).expectNext(2).verifyComplete();
		StepVerifier.create(Eager.just(2)).expectFusion(Fuseable.ASYNC, Fuseable.NONE).expectNext(2).verifyComplete();
		StepVerifier.create(Eager.just(2).map(x -> x + 1)).expectFusion(Fuseable.SYNC).expectNext(3).verifyComplete();
	}

	@Test
	void aFusedConsumerPollsTheValueOnceAndClearingBeforeThatDiscardsIt() {
		List<Object> discarded = new ArrayList<>();
		List<Object> polled = new ArrayList<>();
		Context context = Operators.enableOnDiscard(Context.empty(), discarded::add);
		for (boolean clearFirst : new boolean[] {false, true}) {
			Eager.just(2).subscribe(new CoreSubscriber<Integer>() {
				@Override
				public Context currentContext() {
					return context;
				}

				@Override
				@SuppressWarnings("unchecked")
				public void onSubscribe(Subscription s) {
					Fuseable.QueueSubscription<Integer> qs = (Fuseable.QueueSubscription<Integer>) s;
					assertThat(qs.requestFusion(Fuseable.SYNC)).isEqualTo(Fuseable.SYNC);
					assertThat(qs.size()).isEqualTo(1);
					if (clearFirst) {
						qs.clear();
					}
					polled.add(String.valueOf(qs.poll()));
					polled.add(String.valueOf(qs.poll()));
					assertThat(qs.isEmpty()).isTrue();
				}

				@Override
				public void onNext(Integer v) {
					throw new AssertionError("a SYNC-fused consumer is never pushed a value");
				}

				@Override
				public void onError(Throwable t) {
					throw new AssertionError(t);
				}

				@Override
				public void onComplete() {
					throw new AssertionError("a SYNC-fused consumer learns completion from poll");
				}
			});
		}
		assertThat(polled).containsExactly("2", "null", "null", "null");
		assertThat(discarded).containsExactly(2);
	}
}
