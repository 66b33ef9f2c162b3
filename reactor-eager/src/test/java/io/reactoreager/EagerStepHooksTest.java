package io.reactoreager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;

import io.reactoreager.testing.Input;
import io.reactoreager.testing.InputKind;
import io.reactoreager.testing.Outcome;
import io.reactoreager.testing.Signals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Reactor's error hooks on the eager Mono steps, each scenario beside the same one on stock
 * operators: {@code Hooks.onOperatorError} sees every throwing user function (resolved, pending
 * and lazy inputs), {@code onErrorContinue} in the subscriber's Context drops the failing value
 * on lazy inputs, classifying {@code Mono.error(fatal)} throws nothing at assembly, and
 * {@code block()} on a resolved error adds stock's suppressed call-site exception.
 */
class EagerStepHooksTest {

	static final String HOOK = "EagerStepHooksTest";

	@AfterEach
	void resetHooks() {
		Hooks.resetOnOperatorError(HOOK);
	}

	/** A step with a throwing (or error-signalling) user function, eager and stock. */
	record Step(String name, Function<Mono<Integer>, Mono<?>> eager, Function<Mono<Integer>, Mono<?>> stock) {

		@Override
		public String toString() {
			return name;
		}
	}

	static IllegalArgumentException thrown(String what) {
		return new IllegalArgumentException(what + " threw");
	}

	/** Steps whose function fails on the value: every input kind with a value reaches it. */
	static List<Step> valueSteps() {
		List<Step> l = new ArrayList<>();
		Function<Integer, Integer> map = x -> { throw thrown("map"); };
		l.add(new Step("map", m -> m.transform(Eager.map(map)), m -> m.map(map)));
		Function<Integer, Integer> mapNull = x -> null;
		l.add(new Step("map returning null", m -> m.transform(Eager.map(mapNull)), m -> m.map(mapNull)));
		l.add(new Step("filter", m -> m.transform(Eager.filter(x -> { throw thrown("filter"); })),
				m -> m.filter(x -> { throw thrown("filter"); })));
		l.add(new Step("handle throwing", m -> m.transform(Eager.<Integer, String>handle((x, s) -> { throw thrown("handle"); })),
				m -> m.<String>handle((x, s) -> { throw thrown("handle"); })));
		l.add(new Step("handle signalling an error", m -> m.transform(Eager.<Integer, String>handle((x, s) -> s.error(thrown("sink")))),
				m -> m.<String>handle((x, s) -> s.error(thrown("sink")))));
		l.add(new Step("doOnNext", m -> m.transform(Eager.doOnNext(x -> { throw thrown("doOnNext"); })),
				m -> m.doOnNext(x -> { throw thrown("doOnNext"); })));
		l.add(new Step("doOnSuccess", m -> m.transform(Eager.doOnSuccess(x -> { throw thrown("doOnSuccess"); })),
				m -> m.doOnSuccess(x -> { throw thrown("doOnSuccess"); })));
		Function<Integer, Mono<Integer>> flatMap = x -> { throw thrown("flatMap"); };
		l.add(new Step("flatMap", m -> m.transform(Eager.flatMap(flatMap)), m -> m.flatMap(flatMap)));
		Function<Integer, Mono<Integer>> flatMapNull = x -> null;
		l.add(new Step("flatMap returning null", m -> m.transform(Eager.flatMap(flatMapNull)), m -> m.flatMap(flatMapNull)));
		l.add(new Step("zipWhen combinator", m -> m.transform(Eager.<Integer, Integer, Integer>zipWhen(x -> Mono.just(1), (a, b) -> {
			throw thrown("combinator");
		})), m -> m.zipWhen(x -> Mono.just(1), (a, b) -> { throw thrown("combinator"); })));
		return l;
	}

	/** Steps whose function fails on the error. */
	static List<Step> errorSteps() {
		List<Step> l = new ArrayList<>();
		l.add(new Step("doOnError", m -> m.transform(Eager.doOnError(e -> { throw thrown("doOnError"); })),
				m -> m.doOnError(e -> { throw thrown("doOnError"); })));
		Function<Throwable, Mono<Integer>> resume = e -> { throw thrown("onErrorResume"); };
		l.add(new Step("onErrorResume", m -> m.transform(Eager.onErrorResume(resume)), m -> m.onErrorResume(resume)));
		Function<Throwable, Throwable> errorMap = e -> { throw thrown("onErrorMap"); };
		l.add(new Step("onErrorMap", m -> m.transform(Eager.onErrorMap(errorMap)), m -> m.onErrorMap(errorMap)));
		return l;
	}

	static final InputKind[] KINDS = {InputKind.RESOLVED, InputKind.PENDING_START, InputKind.LAZY_CALLABLE};

	static Stream<Arguments> stepsTimesKinds() {
		List<Arguments> l = new ArrayList<>();
		for (InputKind k : KINDS) {
			for (Step s : valueSteps()) {
				l.add(Arguments.of(s, k, Outcome.VALUE));
			}
			for (Step s : errorSteps()) {
				l.add(Arguments.of(s, k, Outcome.ERROR));
			}
		}
		return l.stream();
	}

	static Stream<Arguments> valueStepsOnLazyInputs() {
		List<Arguments> l = new ArrayList<>();
		for (Step s : valueSteps()) {
			// stock flatMap and doOnSuccess ignore onErrorContinue
			if (!s.name.startsWith("flatMap") && !s.name.equals("doOnSuccess")) {
				l.add(Arguments.of(s, InputKind.LAZY_CALLABLE));
				l.add(Arguments.of(s, InputKind.LAZY_CONTEXTUAL));
			}
		}
		return l.stream();
	}

	@ParameterizedTest(name = "{0} on {1}")
	@MethodSource("stepsTimesKinds")
	void onOperatorErrorHookSeesTheFailureAsWithStock(Step step, InputKind kind, Outcome outcome) {
		List<Object> eagerSeen = new CopyOnWriteArrayList<>();
		List<Object> stockSeen = new CopyOnWriteArrayList<>();
		Hooks.onOperatorError(HOOK, (e, data) -> {
			seen.add(e.getClass().getName());
			return new UnsupportedOperationException("hooked: " + e.getClass().getName());
		});
		seen = stockSeen;
		List<String> expected = Signals.record(step.stock().apply(Input.of(kind, outcome).stock()));
		seen = eagerSeen;
		Input in = Input.of(kind, outcome);
		Mono<?> eager = step.eager().apply(in.mono());
		Signals.verify(eager, expected, in::release);

		assertThat(expected.get(expected.size() - 1)).as("stock: the hook made the error").contains("hooked: ");
		assertThat(eagerSeen).as("the errors the hook saw").isEqualTo(stockSeen);
	}

	/** Where the hook records the errors it sees (the stock run's list, then the eager run's). */
	private static volatile List<Object> seen;

	@ParameterizedTest(name = "{0} on {1}")
	@MethodSource("valueStepsOnLazyInputs")
	void onErrorContinueInTheSubscribersContextDropsTheValueAsWithStock(Step step, InputKind kind) {
		List<String> stockContinued = new CopyOnWriteArrayList<>();
		List<String> expected = Signals.record(step.stock().apply(Input.of(kind, Outcome.VALUE).mono())
				.onErrorContinue((e, v) -> stockContinued.add(e.getMessage() + " on " + v)));

		List<String> eagerContinued = new CopyOnWriteArrayList<>();
		Mono<?> eager = step.eager().apply(Input.of(kind, Outcome.VALUE).mono())
				.onErrorContinue((e, v) -> eagerContinued.add(e.getMessage() + " on " + v));
		Signals.verify(eager, expected, () -> { });

		assertThat(expected).as("stock: dropped, completes empty").containsExactly(Signals.ON_COMPLETE);
		assertThat(eagerContinued).isEqualTo(stockContinued).hasSize(1);
	}

	@Test
	void aThrowingFilterDiscardsTheValueAsWithStock() {
		List<Object> stockDiscarded = new CopyOnWriteArrayList<>();
		Signals.record(Mono.just(4).filter(x -> { throw thrown("filter"); }).doOnDiscard(Object.class, stockDiscarded::add));
		List<Object> eagerDiscarded = new CopyOnWriteArrayList<>();
		Signals.record(Mono.fromCallable(() -> 4).transform(Eager.filter(x -> { throw thrown("filter"); }))
				.doOnDiscard(Object.class, eagerDiscarded::add));
		assertThat(eagerDiscarded).isEqualTo(stockDiscarded).containsExactly(4);
	}

	/**
	 * Stock {@code Mono.defaultIfEmpty} (reactor-core 3.8.8) hands its unused default, when the
	 * source has a value, and the error it passes on, when the source fails, to the discard hook:
	 * neither was ever an element of the sequence. The eager defaultIfEmpty discards nothing
	 * there; its differential twin is {@code switchIfEmpty(Mono.just(default))}, which discards
	 * nothing either.
	 */
	@Test
	void defaultIfEmptyDiscardsNeitherItsUnusedDefaultNorTheError() {
		List<Object> stockDiscarded = new CopyOnWriteArrayList<>();
		List<Object> twinDiscarded = new CopyOnWriteArrayList<>();
		List<Object> eagerDiscarded = new CopyOnWriteArrayList<>();
		IllegalStateException boom = new IllegalStateException("boom");
		for (Mono<Integer> source : List.of(Mono.fromCallable(() -> 4), Mono.<Integer>error(boom).hide())) {
			assertThat(Signals.record(source.defaultIfEmpty(0).doOnDiscard(Object.class, stockDiscarded::add)))
					.isEqualTo(Signals.record(source.switchIfEmpty(Mono.just(0)).doOnDiscard(Object.class, twinDiscarded::add)))
					.isEqualTo(Signals.record(source.transform(Eager.defaultIfEmpty(0)).doOnDiscard(Object.class, eagerDiscarded::add)));
		}
		assertThat(stockDiscarded).containsExactly(0, boom);
		assertThat(eagerDiscarded).isEqualTo(twinDiscarded).isEmpty();
	}

	/**
	 * A resolved value whose subscriber cancels before requesting it is discarded, as with
	 * {@code Mono.just}: alone, and as an inner of stock {@code flatMapSequential} that another
	 * inner fails before the value was requested.
	 */
	@Test
	void aResolvedValueCancelledBeforeItIsRequestedIsDiscardedAsWithStock() {
		for (Mono<Integer> m : List.of(Mono.just(0), Eager.just(0), Eager.fromCallable(() -> 0))) {
			assertThat(discardedWhenCancelledBeforeRequest(m)).as("%s alone", m).isEqualTo(List.of(List.of(), List.of(0), List.of()));
			List<Object> inner = new CopyOnWriteArrayList<>();
			List<String> errors = new CopyOnWriteArrayList<>();
			Flux.range(0, 2).flatMapSequential(i -> i == 0 ? m : Mono.<Integer>error(thrown("inner")))
					.doOnDiscard(Object.class, inner::add)
					.subscribe(new reactor.core.publisher.BaseSubscriber<Integer>() {
						@Override
						protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
						}

						@Override
						protected void hookOnError(Throwable e) {
							errors.add(e.getMessage());
						}
					});
			assertThat(inner).as("%s as an inner", m).containsExactly(0);
			assertThat(errors).containsExactly("inner threw");
		}
	}

	/**
	 * A subscriber that cancels a finished pending (a sink, a step's pending) before requesting its
	 * value gets it discarded with its own Context, as a subscriber of {@code Sinks.one()} does;
	 * the pending's other observers, before and after, still get the value and discard nothing.
	 */
	@Test
	void aFinishedPendingsValueCancelledBeforeItIsRequestedIsDiscardedAsWithSinksOne() {
		reactor.core.publisher.Sinks.One<Integer> one = reactor.core.publisher.Sinks.one();
		one.tryEmitValue(0);
		EagerSink<Integer> sink = Eager.sink(() -> { });
		sink.tryEmitValue(0);
		assertThat(discardedWhenCancelledBeforeRequest(sink.asMono())).isEqualTo(discardedWhenCancelledBeforeRequest(one.asMono()))
				.isEqualTo(List.of(List.of(), List.of(0), List.of()));
		EagerSink<Integer> input = Eager.sink(() -> { });
		Mono<Integer> mapped = input.asMono().transform(Eager.map(x -> x + 1));
		input.tryEmitValue(0);
		assertThat(discardedWhenCancelledBeforeRequest(mapped)).isEqualTo(List.of(List.of(), List.of(1), List.of()));
	}

	/**
	 * Three subscribers of a finished Mono, each with its own discard hook: the second cancels in
	 * {@code onSubscribe}, the others request the value and must get it. Returns what each discarded.
	 */
	static List<List<Object>> discardedWhenCancelledBeforeRequest(Mono<Integer> m) {
		List<List<Object>> discarded = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			boolean cancel = i == 1;
			List<Object> mine = new CopyOnWriteArrayList<>();
			List<Integer> values = new CopyOnWriteArrayList<>();
			discarded.add(mine);
			m.doOnDiscard(Object.class, mine::add).subscribe(new reactor.core.publisher.BaseSubscriber<Integer>() {
				@Override
				protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
					if (cancel) {
						cancel();
					}
					else {
						s.request(1);
					}
				}

				@Override
				protected void hookOnNext(Integer v) {
					values.add(v);
				}
			});
			assertThat(values).as("subscriber %s", i).hasSize(cancel ? 0 : 1);
		}
		return discarded;
	}

	static Stream<Arguments> stepsOverAFatalError() {
		List<Arguments> l = new ArrayList<>();
		l.add(Arguments.of("map", (Function<Mono<Integer>, Mono<?>>) m -> m.transform(Eager.map(x -> x + 1)),
				(Function<Mono<Integer>, Mono<?>>) m -> m.map(x -> x + 1)));
		l.add(Arguments.of("onErrorResume", (Function<Mono<Integer>, Mono<?>>) m -> m.transform(Eager.onErrorResume(e -> Mono.just(-1))),
				(Function<Mono<Integer>, Mono<?>>) m -> m.onErrorResume(e -> Mono.just(-1))));
		return l.stream();
	}

	/**
	 * Stock logs a warning each time it meets the fatal error ({@code Exceptions.throwIfFatal}), and
	 * so does reading {@code Mono.error(fatal)}'s outcome ({@code call()} throws it): the few cases
	 * below keep that output short.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("stepsOverAFatalError")
	void aFatalErrorInputThrowsNothingAtAssemblyAndIsSignalledAsWithStock(String name, Function<Mono<Integer>, Mono<?>> eager,
			Function<Mono<Integer>, Mono<?>> stock) {
		LinkageError fatal = new LinkageError("fatal");
		Mono<?>[] result = new Mono<?>[1];
		assertThatCode(() -> result[0] = eager.apply(Mono.error(fatal))).doesNotThrowAnyException();
		assertThat(signalsOrThrown(result[0])).isEqualTo(signalsOrThrown(stock.apply(Mono.error(fatal))));
	}

	/** The signals, or what subscribing threw (stock flatMap throws a fatal error at subscription). */
	private static List<String> signalsOrThrown(Mono<?> m) {
		try {
			return Signals.record(m);
		}
		catch (LinkageError e) {
			return List.of("thrown " + e);
		}
	}

	@Test
	void aFatalErrorInputUnderTheFluentChainThrowsNothingAtAssembly() {
		LinkageError fatal = new LinkageError("fatal");
		Mono<?>[] result = new Mono<?>[1];
		assertThatCode(() -> result[0] = Eager.of(Mono.<Integer>error(fatal)).map(x -> x + 1).flatMap(Mono::just).toMono())
				.doesNotThrowAnyException();
		assertThat(signalsOrThrown(result[0])).isEqualTo(signalsOrThrown(Mono.<Integer>error(fatal).map(x -> x + 1).flatMap(Mono::just)));
	}

	@Test
	void blockOnAResolvedErrorAddsTheSuppressedCallSiteAsWithStock() {
		for (boolean withTimeout : new boolean[] {false, true}) {
			Mono<Integer> eager = Mono.just(1).transform(Eager.map(x -> { throw thrown("map"); }));
			assertThat(Eager.isResolved(eager)).isTrue();
			Throwable s = blockError(Mono.just(1).map(x -> { throw thrown("map"); }), withTimeout);
			Throwable e = blockError(eager, withTimeout);
			assertThat(e).isInstanceOf(s.getClass()).hasMessage(s.getMessage());
			assertThat(e.getSuppressed()).hasSize(1);
			assertThat(e.getSuppressed()[0]).hasMessage(s.getSuppressed()[0].getMessage()).hasMessage("#block terminated with an error");
		}
	}

	private static Throwable blockError(Mono<Integer> m, boolean withTimeout) {
		try {
			if (withTimeout) {
				m.block(java.time.Duration.ofSeconds(5));
			}
			else {
				m.block();
			}
		}
		catch (Throwable t) {
			return t;
		}
		throw new AssertionError("block() did not throw");
	}

	@Test
	void handleErrorThenCompleteFailsWithTheSinksIllegalStateAsWithStock() {
		for (InputKind kind : KINDS) {
			Input in = Input.of(kind, Outcome.VALUE);
			List<String> expected = Signals.record(Input.of(kind, Outcome.VALUE).stock()
					.<String>handle((x, s) -> { s.error(thrown("sink")); s.complete(); }));
			assertThat(expected).containsExactly(Signals.onError(new IllegalStateException("Cannot complete after a complete or error")));
			Signals.verify(in.mono().transform(Eager.<Integer, String>handle((x, s) -> { s.error(thrown("sink")); s.complete(); })),
					expected, in::release);
		}
	}
}
