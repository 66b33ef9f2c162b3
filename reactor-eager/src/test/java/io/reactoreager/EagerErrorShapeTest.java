package io.reactoreager;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import io.reactoreager.testing.Input;
import io.reactoreager.testing.InputKind;
import io.reactoreager.testing.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole error the eager Mono steps deliver, beside their stock twins: its class and message,
 * its suppressed exceptions (stock adds the original error to what a throwing {@code doOnError} or
 * fallback threw) and its cause, with and without {@code Hooks.onOperatorError}, for a callback
 * that throws and for an error input, over every input kind.
 */
class EagerErrorShapeTest {

	static final String HOOK = "EagerErrorShapeTest";

	@AfterEach
	void resetHook() {
		Hooks.resetOnOperatorError(HOOK);
	}

	record Step(String name, Function<Mono<Integer>, Mono<?>> eager, Function<Mono<Integer>, Mono<?>> stock) {

		@Override
		public String toString() {
			return name;
		}
	}

	static IllegalArgumentException thrown() {
		return new IllegalArgumentException("callback");
	}

	static List<Step> steps() {
		List<Step> l = new ArrayList<>();
		l.add(new Step("doOnNext throwing", m -> m.transform(Eager.doOnNext(x -> { throw thrown(); })), m -> m.doOnNext(x -> { throw thrown(); })));
		l.add(new Step("doOnError throwing", m -> m.transform(Eager.doOnError(e -> { throw thrown(); })), m -> m.doOnError(e -> { throw thrown(); })));
		l.add(new Step("onErrorMap throwing", m -> m.transform(Eager.onErrorMap(e -> { throw thrown(); })), m -> m.onErrorMap(e -> { throw thrown(); })));
		l.add(new Step("onErrorMap returning null", m -> m.transform(Eager.onErrorMap(e -> null)), m -> m.onErrorMap(e -> null)));
		l.add(new Step("onErrorResume throwing", m -> m.transform(Eager.onErrorResume(e -> { throw thrown(); })),
				m -> m.onErrorResume(e -> { throw thrown(); })));
		l.add(new Step("map throwing", m -> m.transform(Eager.map(x -> { throw thrown(); })), m -> m.map(x -> { throw thrown(); })));
		l.add(new Step("filter throwing", m -> m.transform(Eager.filter(x -> { throw thrown(); })), m -> m.filter(x -> { throw thrown(); })));
		l.add(new Step("handle throwing", m -> m.transform(Eager.<Integer, Integer>handle((x, s) -> { throw thrown(); })),
				m -> m.<Integer>handle((x, s) -> { throw thrown(); })));
		l.add(new Step("flatMap throwing", m -> m.transform(Eager.flatMap(x -> { throw thrown(); })), m -> m.flatMap(x -> { throw thrown(); })));
		l.add(new Step("flatMap", m -> m.transform(Eager.flatMap(Mono::just)), m -> m.flatMap(Mono::just)));
		l.add(new Step("zipWhen", m -> m.transform(Eager.zipWhen(Mono::just)), m -> m.zipWhen(Mono::just)));
		l.add(new Step("filterWhen", m -> m.transform(Eager.filterWhen(x -> Mono.just(true))), m -> m.filterWhen(x -> Mono.just(true))));
		l.add(new Step("delayUntil", m -> m.transform(Eager.delayUntil(x -> Mono.empty())), m -> m.delayUntil(x -> Mono.empty())));
		l.add(new Step("then(mono)", m -> m.transform(Eager.then(Mono.just(0))), m -> m.then(Mono.just(0))));
		l.add(new Step("then()", m -> m.transform(Eager.then()), Mono::then));
		l.add(new Step("thenReturn", m -> m.transform(Eager.thenReturn(0)), m -> m.thenReturn(0)));
		l.add(new Step("fluent flatMap", m -> Eager.of(m).flatMap(Mono::just).toMono(), m -> m.flatMap(Mono::just)));
		l.add(new Step("switchIfEmpty", m -> m.transform(Eager.switchIfEmpty(Mono.just(0))), m -> m.switchIfEmpty(Mono.just(0))));
		return l;
	}

	static Stream<Arguments> cases() {
		List<Arguments> l = new ArrayList<>();
		for (Step step : steps()) {
			for (InputKind kind : InputKind.values()) {
				for (Outcome outcome : new Outcome[] {Outcome.VALUE, Outcome.ERROR}) {
					for (boolean hook : new boolean[] {false, true}) {
						l.add(Arguments.of(step, kind, outcome, hook));
					}
				}
			}
		}
		return l.stream();
	}

	/** Stock's twins that read a Callable source with call() and hook its error (see below). */
	static final List<String> READ_A_CALLABLE_SOURCE = List.of("flatMap", "flatMap throwing", "fluent flatMap", "zipWhen", "then(mono)", "thenReturn");

	@ParameterizedTest(name = "{0} on {1}/{2}, onOperatorError {3}")
	@MethodSource("cases")
	void theDeliveredErrorHasStocksClassMessageSuppressedAndCause(Step step, InputKind kind, Outcome outcome, boolean hook) {
		if (hook && outcome == Outcome.ERROR && (kind == InputKind.RESOLVED || kind == InputKind.LAZY_CALLABLE)
				&& READ_A_CALLABLE_SOURCE.contains(step.name())) {
			return; // the documented difference: aCallableInputsErrorIsNotPassedThroughOnOperatorError...
		}
		if (hook) {
			Hooks.onOperatorError(HOOK, (e, data) -> new IllegalStateException("hooked(" + e.getMessage() + ")", e));
		}
		Input stockInput = Input.of(kind, outcome);
		String stock = outcome(step.stock().apply(stockInput.mono()), stockInput);
		Input eagerInput = Input.of(kind, outcome);
		String eager = outcome(step.eager().apply(eagerInput.mono()), eagerInput);
		assertThat(eager).isEqualTo(stock);
	}

	/**
	 * Stock {@code flatMap}, {@code zipWhen}, {@code then(mono)} and {@code thenReturn} read a
	 * {@code Callable} source ({@code Mono.error}, {@code Mono.fromCallable}) with {@code call()} at
	 * subscription and pass its error through {@code Hooks.onOperatorError}; a source that is
	 * another operator's output ({@code map}) is subscribed and its error passed as it is. An eager
	 * step's result on a resolved input is itself a {@code Callable} where the stock operator's is
	 * not, so the eager steps pass an input's error as it is in both cases: the same as stock after
	 * a step, not directly on a Callable.
	 */
	@org.junit.jupiter.api.Test
	void aCallableInputsErrorIsNotPassedThroughOnOperatorErrorWhereStockFlatMapReadsItWithCall() {
		Hooks.onOperatorError(HOOK, (e, data) -> new IllegalStateException("hooked(" + e.getMessage() + ")", e));
		IllegalStateException boom = new IllegalStateException("boom");
		assertThat(outcome(Mono.<Integer>error(boom).flatMap(Mono::just), Input.of(InputKind.RESOLVED, Outcome.ERROR)))
				.contains("error IllegalStateException: hooked(boom)");
		assertThat(outcome(Mono.<Integer>error(boom).transform(Eager.flatMap(Mono::just)), Input.of(InputKind.RESOLVED, Outcome.ERROR)))
				.contains("error IllegalStateException: boom");
		// after a step, stock subscribes its source, and both pass the error as it is
		String stockAfterMap = outcome(Mono.<Integer>error(boom).map(x -> x + 1).flatMap(Mono::just), Input.of(InputKind.RESOLVED, Outcome.ERROR));
		String eagerAfterMap = outcome(Mono.<Integer>error(boom).transform(Eager.map(x -> x + 1)).transform(Eager.flatMap(Mono::just)),
				Input.of(InputKind.RESOLVED, Outcome.ERROR));
		assertThat(eagerAfterMap).isEqualTo(stockAfterMap).contains("error IllegalStateException: boom");
	}

	/** Subscribes, completes a pending input, and describes what arrived. */
	static String outcome(Mono<?> m, Input in) {
		Object[] value = new Object[1];
		Throwable[] error = new Throwable[1];
		CountDownLatch done = new CountDownLatch(1);
		m.subscribe(v -> value[0] = v, e -> {
			error[0] = e;
			done.countDown();
		}, done::countDown);
		in.release();
		try {
			assertThat(done.await(10, TimeUnit.SECONDS)).as("terminated").isTrue();
		}
		catch (InterruptedException e) {
			throw new AssertionError(e);
		}
		return "value " + value[0] + ", error " + describe(error[0]);
	}

	static String describe(Throwable e) {
		if (e == null) {
			return "none";
		}
		return e.getClass().getSimpleName() + ": " + e.getMessage()
				+ ", suppressed " + Arrays.stream(e.getSuppressed()).map(s -> s.getClass().getSimpleName() + ": " + s.getMessage()).toList()
				+ ", cause " + (e.getCause() == null ? "none" : e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
	}

}
