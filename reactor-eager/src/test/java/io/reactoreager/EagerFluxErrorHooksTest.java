package io.reactoreager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;

import io.reactoreager.testing.FluxOp;
import io.reactoreager.testing.HookProbe;
import io.reactoreager.testing.SignalRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The eager flatMap, concatMap and flatMapSequential beside their stock twins when an inner fails
 * or the function throws, under {@code Hooks.onOperatorError}, {@code onErrorContinue} in the
 * subscriber's Context, or both (and a discard hook): the same signals, the same errors handed to
 * onOperatorError (how often: stock passes a {@code Mono.error} inner's error through it twice),
 * the same values continued past and the same values discarded.
 */
class EagerFluxErrorHooksTest {

	/** How element 1's inner fails (the others are {@code Mono.just(i * 10)}). */
	enum Failure {
		/** {@code Mono.error}: a Callable inner, which stock calls in place. */
		MONO_ERROR,
		/** The function throws. */
		MAPPER_THROWS,
		/** The function returns null. */
		MAPPER_RETURNS_NULL,
		/** {@code Mono.error(..).hide()}: a lazy inner, subscribed. */
		LAZY_ERROR,
		/** {@code Flux.error}: a Callable Flux inner. */
		FLUX_ERROR,
		/** {@code Mono.fromCallable} that throws: a lazy Callable inner. */
		CALLABLE_THROWS,
		/** A pending inner that already failed when returned. */
		FAILED_PENDING;

		Publisher<Integer> inner(int i) {
			if (i != 1) {
				return Mono.just(i * 10);
			}
			IllegalStateException e = new IllegalStateException("inner " + i);
			return switch (this) {
				case MONO_ERROR -> Mono.error(e);
				case MAPPER_THROWS -> throw new IllegalArgumentException("mapper " + i);
				case MAPPER_RETURNS_NULL -> null;
				case LAZY_ERROR -> Mono.<Integer>error(e).hide();
				case FLUX_ERROR -> Flux.error(e);
				case CALLABLE_THROWS -> Mono.fromCallable(() -> { throw e; });
				case FAILED_PENDING -> {
					EagerSink<Integer> s = Eager.sink(() -> { });
					s.tryEmitError(e);
					yield s.asMono();
				}
			};
		}
	}

	/** The source: element 1 is the one that fails. */
	enum Source {
		/** {@code Flux.range(0, 4)}: SYNC-fuseable. */
		RANGE,
		/** {@code Flux.range(0, 4).hide()}. */
		HIDDEN,
		/** {@code Flux.just(1)}: a Callable source, which stock maps at subscription ({@code trySubscribeScalarMap}). */
		SCALAR,
		/** {@code Flux.error}: a Callable source that fails. */
		ERROR;

		Flux<Integer> flux() {
			return switch (this) {
				case RANGE -> Flux.range(0, 4);
				case HIDDEN -> Flux.range(0, 4).hide();
				case SCALAR -> Flux.just(1);
				case ERROR -> Flux.error(new IllegalStateException("source"));
			};
		}
	}

	static Stream<Arguments> cases() {
		List<Arguments> l = new ArrayList<>();
		List<HookProbe.Spec> specs = List.of(new HookProbe.Spec(true, false, false, true), new HookProbe.Spec(false, false, true, true),
				new HookProbe.Spec(true, false, true, true));
		for (FluxOp op : FluxOp.values()) {
			for (Failure failure : Failure.values()) {
				for (HookProbe.Spec spec : specs) {
					for (Source source : Source.values()) {
						for (boolean oneByOne : new boolean[] {false, true}) {
							if (op == FluxOp.FLAT_MAP && failure == Failure.MONO_ERROR && spec.errorContinue() && source != Source.SCALAR) {
								// stock over-requests there: see flatMapContinuingPastAMonoErrorInner...
								continue;
							}
							l.add(Arguments.of(op, failure, spec, source, oneByOne));
						}
					}
				}
			}
		}
		return l.stream();
	}

	@ParameterizedTest(name = "{0} {1} {2} fused={3} oneByOne={4}")
	@MethodSource("cases")
	void aFailingInnerOrFunctionGoesThroughReactorsErrorHooksAsWithStock(FluxOp op, Failure failure, HookProbe.Spec spec,
			Source source, boolean oneByOne) {
		List<String> stock = run(op, false, failure, spec, source, oneByOne);
		List<String> eager = run(op, true, failure, spec, source, oneByOne);
		assertThat(eager).isEqualTo(stock);
	}

	/** The signals, then what onOperatorError saw, what was continued past and what was discarded. */
	static List<String> run(FluxOp op, boolean eager, Failure failure, HookProbe.Spec spec, Source from, boolean oneByOne) {
		try (HookProbe p = HookProbe.install(spec)) {
			Flux<Integer> source = from.flux();
			Function<Integer, Publisher<Integer>> f = failure::inner;
			Flux<Integer> out = p.decorate(eager ? op.eager(source, f, 2) : op.stock(source, f, 2));
			SignalRecorder<Integer> r = new SignalRecorder<>();
			out.subscribe(r);
			for (int i = 0; i < 8 && !r.isTerminated(); i++) {
				r.request(oneByOne ? 1 : Long.MAX_VALUE);
			}
			List<String> l = new ArrayList<>(r.signals());
			l.add("onOperatorError " + p.operatorErrors);
			l.add("continued " + p.continued);
			l.add("discarded " + p.discarded);
			return l;
		}
	}

	/**
	 * Stock flatMap that continues past a {@code Mono.error} inner (onErrorContinue) replenishes
	 * twice for that one source value ({@code FlatMapMain.onNext} calls {@code tryEmitScalar(null)}
	 * in the catch block and again after it), so it asks its source for one value more than its
	 * concurrency allows each time; the eager flatMap asks for one, as for a value. Same values,
	 * same continued errors.
	 */
	@Test
	void flatMapContinuingPastAMonoErrorInnerRequestsOneSourceValueWhereStockRequestsTwo() {
		List<Long> stockRequests = new CopyOnWriteArrayList<>();
		List<Long> eagerRequests = new CopyOnWriteArrayList<>();
		Function<Integer, Mono<Integer>> f = i -> i % 2 == 1 ? Mono.error(new IllegalStateException("e" + i)) : Mono.just(i);
		List<String> stock = continued(Flux.range(0, 6).hide().doOnRequest(stockRequests::add).flatMap(f, 1));
		List<String> eager = continued(Flux.range(0, 6).hide().doOnRequest(eagerRequests::add).transform(EagerFlux.flatMap(f, 1)));
		assertThat(eager).isEqualTo(stock)
				.containsExactly("next 0", "continued e1 on 1", "next 2", "continued e3 on 3", "next 4", "continued e5 on 5", "complete");
		// one initial request, then one per source value (stock: two per continued error)
		assertThat(eagerRequests).hasSize(1 + 6);
		assertThat(stockRequests).hasSize(1 + 6 + 3);
	}

	/**
	 * With little downstream demand, stock's extra request overflows its one-slot queue of
	 * resolved values; the eager flatMap delivers every value.
	 */
	@Test
	void flatMapContinuingPastMonoErrorInnersUnderLittleDemandDeliversEveryValueWhereStockOverflows() {
		Function<Integer, Mono<Integer>> f = i -> i % 2 == 1 ? Mono.error(new IllegalStateException("e" + i)) : Mono.just(i);
		List<String> stock = oneByOne(Flux.range(0, 8).hide().flatMap(f, 1));
		List<String> eager = oneByOne(Flux.range(0, 8).hide().transform(EagerFlux.flatMap(f, 1)));
		assertThat(stock).last().asString().contains("Queue is full");
		assertThat(eager).containsExactly("next(0)", "next(2)", "next(4)", "next(6)", "complete");
	}

	static List<String> oneByOne(Flux<Integer> f) {
		SignalRecorder<Integer> r = new SignalRecorder<>();
		f.onErrorContinue((e, v) -> { }).subscribe(r);
		r.request(1);
		for (int i = 0; i < 8 && !r.isTerminated(); i++) {
			r.request(1);
		}
		return r.signals();
	}

	static List<String> continued(Flux<Integer> f) {
		List<String> l = new CopyOnWriteArrayList<>();
		f.onErrorContinue((e, v) -> l.add("continued " + e.getMessage() + " on " + v))
				.subscribe(v -> l.add("next " + v), e -> l.add("error " + e), () -> l.add("complete"));
		return l;
	}
}
