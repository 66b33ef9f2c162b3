package io.reactoreager;

import java.util.List;
import java.util.function.Function;

import io.reactoreager.testing.HookProbe;
import io.reactoreager.testing.Input;
import io.reactoreager.testing.InputKind;
import io.reactoreager.testing.OperatorCase;
import io.reactoreager.testing.PropagatedTrace;
import io.reactoreager.testing.Outcome;
import io.reactoreager.testing.SignalRecorder;
import io.reactoreager.testing.Signals;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Same signals as stock, as a law: a random pipeline of 1..8 eager steps (random deterministic
 * functions, some throwing, some returning null, some returning resolved, lazy (completing at once or
 * later, on another thread) or pending Monos)
 * over a random source (resolved value/empty/error, lazy, pending completed from another thread)
 * delivers exactly the signals of the same pipeline written with stock Reactor operators; and so
 * does it with the switch off.
 */
class EagerDifferentialTest {

	/** One step: which operator ({@code op}), which function variant ({@code variant}), a constant ({@code k}). */
	record StepSpec(int op, int variant, int k) {

		@Override
		public String toString() {
			return NAMES[op] + "#" + variant + "(" + k + ")";
		}
	}

	/** The source: its kind, its outcome, and whether a pending source completes before or after subscription. */
	record SourceSpec(InputKind kind, Outcome outcome, boolean completeBeforeSubscribe) {
	}

	static final String[] NAMES = {"map", "mapThrowing", "mapNull", "flatMap", "filter", "handle", "doOnNext", "doOnError",
			"onErrorResume", "onErrorReturn", "onErrorMap", "switchIfEmpty", "defaultIfEmpty", "then", "thenMono", "thenReturn",
			"doOnSuccess"};

	@Provide
	Arbitrary<List<StepSpec>> pipelines() {
		Arbitrary<StepSpec> step = Combinators.combine(Arbitraries.integers().between(0, NAMES.length - 1),
				Arbitraries.integers().between(0, 9), Arbitraries.integers().between(-3, 9)).as(StepSpec::new);
		return step.list().ofMinSize(1).ofMaxSize(8);
	}

	@Provide
	Arbitrary<SourceSpec> sources() {
		return Combinators.combine(Arbitraries.of(InputKind.class), Arbitraries.of(Outcome.class), Arbitraries.of(true, false))
				.as(SourceSpec::new);
	}

	@Property(tries = 1000)
	void eagerPipelineDeliversTheStockSignals(@ForAll("sources") SourceSpec source, @ForAll("pipelines") List<StepSpec> steps) {
		compare(source, steps);
	}

	@Property(tries = 1000)
	void eagerPipelineWithTheSwitchOffDeliversTheStockSignals(@ForAll("sources") SourceSpec source,
			@ForAll("pipelines") List<StepSpec> steps) {
		EagerPolicy.setEnabled(false);
		try {
			compare(source, steps);
		}
		finally {
			EagerPolicy.setEnabled(true);
		}
	}

	/**
	 * The same law with Reactor's hooks installed on both sides: {@code Hooks.onOperatorError}
	 * (which rewrites every error a user function raises), {@code Hooks.onEachOperator} (which
	 * sees every assembled operator), and, in the subscriber's Context, an {@code onErrorContinue}
	 * strategy and a discard hook. Over a lazy source every step runs in the subscriber's Context,
	 * so the values continued past must be those of stock too (the discarded ones are not compared:
	 * stock's subscribers also discard values they hold internally, such as a
	 * {@code defaultIfEmpty}'s unused default); over a resolved or pending source the steps ran
	 * before any subscriber existed (docs/semantics.md, "Errors and Reactor's error hooks"), so
	 * only the global hooks apply and the Context holds neither.
	 */
	@Property(tries = 1000)
	void eagerPipelineWithReactorsHooksInstalledDeliversTheStockSignals(@ForAll("sources") SourceSpec source,
			@ForAll("pipelines") List<StepSpec> steps) {
		// stock then(Mono) reads a Callable input and a Callable next with call() and passes their
		// errors through Hooks.onOperatorError; the eager then passes them as they are
		// (docs/semantics.md, "Errors and Reactor's error hooks")
		Assume.that(steps.stream().noneMatch(s -> NAMES[s.op()].equals("thenMono")));
		Hooks.onOperatorError(HOOKS, (e, data) -> e instanceof HookedException ? e : new HookedException(e));
		Hooks.onEachOperator(HOOKS, p -> p);
		try {
			compare(source, steps, source.kind().isLazy());
		}
		finally {
			Hooks.resetOnOperatorError(HOOKS);
			Hooks.resetOnEachOperator(HOOKS);
		}
	}

	static final String HOOKS = "EagerDifferentialTest";

	/** What the onOperatorError hook makes of an error a user function raised. */
	static final class HookedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		HookedException(Throwable cause) {
			super("hooked " + cause.getMessage(), cause);
		}
	}

	private static void compare(SourceSpec source, List<StepSpec> steps) {
		compare(source, steps, false);
	}

	/**
	 * Runs both sides and compares their signals; with {@code contextHooks}, the subscriber's
	 * Context also holds an onErrorContinue strategy and a discard hook, and what each saw is
	 * compared too.
	 */
	private static void compare(SourceSpec source, List<StepSpec> steps, boolean contextHooks) {
		Input in = Input.of(source.kind(), source.outcome());
		Mono<Object> eager = in.mono().map(Object.class::cast);
		if (EagerPolicy.isEnabled()) {
			eager = in.mono().transform(Eager.map(x -> (Object) x));
		}
		Mono<Object> stock = in.stock().map(Object.class::cast);
		for (StepSpec s : steps) {
			eager = eagerStep(s).apply(eager);
			stock = stockStep(s).apply(stock);
		}
		if (source.completeBeforeSubscribe()) {
			in.completeNow();
		}
		// Intended difference (docs/semantics.md: a pending is hot, started before anyone subscribes, and
		// Eager.start takes the Context its work runs with explicitly): steps applied to a pending
		// run once, when it completes, with the pending's Context, not a subscriber's; so a lazy Mono
		// a function returns there (innerMono variant 4 reads the Context) sees the pending's
		// Context. Every pending here is started with the subscriber's Context (Input's
		// PENDING_START, OperatorCase.pendingOf); an Eager.sink carries none, so over a sink source
		// both sides are subscribed without one.
		Context subscriberContext = source.kind() == InputKind.PENDING_SINK ? Context.empty() : Input.testContext();
		List<String> eagerSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
		List<String> stockSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
		if (contextHooks) {
			eager = withContextHooks(eager, eagerSeen);
			stock = withContextHooks(stock, stockSeen);
		}
		Signals.Recorder r = new Signals.Recorder(subscriberContext);
		eager.subscribe(r);
		in.release();
		r.await();
		List<String> expected = Signals.record(stock, subscriberContext);
		if (!r.signals().equals(expected)) {
			throw new AssertionError("eager " + r.signals() + " != stock " + expected + " for " + source + " " + steps);
		}
		if (!eagerSeen.equals(stockSeen)) {
			throw new AssertionError("eager hooks saw " + eagerSeen + " != stock " + stockSeen + " for " + source + " " + steps);
		}
	}

	/**
	 * Puts an onErrorContinue strategy (recording what it continued past) and a discard hook in
	 * the Context the pipeline is subscribed with.
	 */
	static Mono<Object> withContextHooks(Mono<Object> m, List<String> seen) {
		return m.onErrorContinue((e, v) -> seen.add("continued " + v + " past " + e.getMessage()))
				.doOnDiscard(Object.class, v -> { });
	}

	@Provide
	Arbitrary<HookProbe.Spec> hooks() {
		Arbitrary<Boolean> b = Arbitraries.of(true, false);
		return Combinators.combine(b, b, b, b).as(HookProbe.Spec::new);
	}

	/**
	 * The same law with Reactor's hooks installed on both sides: a tagging
	 * {@code Hooks.onOperatorError} (the delivered error shows how often it ran), a counting
	 * {@code Hooks.onEachOperator} (both sides pass through it; the counts may differ, as an eager
	 * step on a resolved input is a value, not an operator), and, in the subscriber's Context,
	 * {@code onErrorContinue} (same values and errors continued) and a discard hook (same multiset
	 * of discarded values). The Context hooks are installed only over inputs whose steps run at
	 * subscription (lazy), as on a resolved input the functions run at assembly where no subscriber
	 * Context exists, and steps on a pending input run with the pending's Context (documented
	 * differences, docs/semantics.md).
	 */
	@Property(tries = 400)
	void eagerPipelineUnderReactorHooksDeliversTheStockSignalsAndEffects(@ForAll("sources") SourceSpec source,
			@ForAll("pipelines") List<StepSpec> steps, @ForAll("hooks") HookProbe.Spec hooks) {
		HookProbe.Spec spec = source.kind().isLazy() ? hooks : hooks.withoutContextHooks();
		if (steps.stream().anyMatch(s -> NAMES[s.op()].equals("thenMono"))) {
			// stock then(Mono) passes a Callable's error through Hooks.onOperatorError, the eager
			// then passes it as it is (docs/semantics.md, "Errors and Reactor's error hooks")
			spec = spec.withoutOperatorError();
		}
		Run stock = runUnderHooks(source, steps, spec, false);
		Run eager = runUnderHooks(source, steps, spec, true);
		String where = " for " + source + " " + steps + " " + spec;
		if (!eager.signals().equals(stock.signals())) {
			throw new AssertionError("eager " + eager.signals() + " != stock " + stock.signals() + where);
		}
		if (!eager.operatorErrors().equals(stock.operatorErrors())) {
			throw new AssertionError("onOperatorError saw " + eager.operatorErrors() + " != stock " + stock.operatorErrors() + where);
		}
		if (!eager.continued().equals(stock.continued())) {
			throw new AssertionError("onErrorContinue saw " + eager.continued() + " != stock " + stock.continued() + where);
		}
		if (!eager.discarded().equals(stock.discarded())) {
			throw new AssertionError("discarded " + eager.discarded() + " != stock " + stock.discarded() + where);
		}
		if (spec.eachOperator() && (eager.operators() == 0 || stock.operators() == 0)) {
			throw new AssertionError("onEachOperator ran " + eager.operators() + " times (stock " + stock.operators() + ")" + where);
		}
	}

	@Provide
	Arbitrary<SourceSpec> lazySources() {
		return Combinators.combine(Arbitraries.of(InputKind.LAZY_CALLABLE, InputKind.LAZY_CONTEXTUAL), Arbitraries.of(Outcome.class),
				Arbitraries.of(false)).as(SourceSpec::new);
	}

	/**
	 * Automatic context propagation ({@code Hooks.enableAutomaticContextPropagation()} and a
	 * ThreadLocal registered with io.micrometer's {@code ContextRegistry}, {@link PropagatedTrace}),
	 * the subscriber's Context carrying the ThreadLocal's value, and the hooks of {@link #hooks}
	 * installed: every step function of a random pipeline over a lazy source sees the ThreadLocal
	 * value stock shows in the same function, in the same order (on the subscribing thread, and
	 * after inners that complete on another thread), and the signals and hooks' records match.
	 * Over resolved and pending inputs the functions run at assembly or with the pending's
	 * Context: those cases are compared beside stock in {@code EagerContextPropagationTest}.
	 */
	@Property(tries = 300)
	void eagerPipelineUnderAutomaticContextPropagationSeesStocksThreadLocals(@ForAll("lazySources") SourceSpec source,
			@ForAll("pipelines") List<StepSpec> steps, @ForAll("hooks") HookProbe.Spec hooks) {
		// as in eagerPipelineUnderReactorHooksDeliversTheStockSignalsAndEffects
		HookProbe.Spec spec = steps.stream().anyMatch(s -> NAMES[s.op()].equals("thenMono")) ? hooks.withoutOperatorError() : hooks;
		PropagatedTrace.Recorded<Run> stock = PropagatedTrace.record(() -> runUnderHooks(source, steps, spec, false));
		PropagatedTrace.Recorded<Run> eager = PropagatedTrace.record(() -> runUnderHooks(source, steps, spec, true));
		String where = " for " + source + " " + steps + " " + spec;
		if (!eager.seen().equals(stock.seen())) {
			throw new AssertionError("step functions saw " + eager.seen() + " != stock " + stock.seen() + where);
		}
		// the onEachOperator counts may differ (an eager step on a resolved value is no operator)
		Run e = eager.result();
		Run s = stock.result();
		if (!List.of(e.signals(), e.operatorErrors(), e.continued(), e.discarded()).equals(List.of(s.signals(), s.operatorErrors(), s.continued(), s.discarded()))) {
			throw new AssertionError("eager " + e + " != stock " + s + where);
		}
	}

	/** What one side delivered and what the hooks saw. */
	record Run(List<String> signals, List<String> operatorErrors, List<String> continued, List<String> discarded, int operators) {
	}

	/** Assembles and runs one side with the hooks of {@code spec} installed, and removes them. */
	static Run runUnderHooks(SourceSpec source, List<StepSpec> steps, HookProbe.Spec spec, boolean eagerSide) {
		try (HookProbe probe = HookProbe.install(spec)) {
			Input in = Input.of(source.kind(), source.outcome());
			Mono<Object> m;
			if (eagerSide) {
				m = in.mono().transform(Eager.map(x -> (Object) x));
				for (StepSpec s : steps) {
					m = eagerStep(s).apply(m);
				}
			}
			else {
				m = (source.kind().isLazy() ? in.mono() : in.stock()).map(Object.class::cast);
				for (StepSpec s : steps) {
					// stock defaultIfEmpty hands its unused default, and the error it passes on, to the
					// discard hook (reactor-core 3.8.8; see defaultIfEmptyDiscardsOnlyWhatStockDiscards);
					// switchIfEmpty(just) is its twin without that
					m = NAMES[s.op()].equals("defaultIfEmpty") ? m.switchIfEmpty(Mono.just(s.k())) : stockStep(s).apply(m);
				}
			}
			m = probe.decorate(m);
			if (eagerSide && source.completeBeforeSubscribe()) {
				in.completeNow();
			}
			// the traced entry, written as applications write it, matters only under automatic context
			// propagation (PropagatedTrace.record)
			m = m.contextWrite(PropagatedTrace.withTrace(Context.empty()));
			Context subscriberContext = source.kind() == InputKind.PENDING_SINK ? Context.empty() : Input.testContext();
			Signals.Recorder r = new Signals.Recorder(subscriberContext);
			m.subscribe(r);
			in.release();
			r.await();
			return new Run(r.signals(), List.copyOf(probe.operatorErrors), List.copyOf(probe.continued), probe.discardedMultiset(),
					probe.operators.get());
		}
	}

	/** When the pipeline is cancelled: before its pending input completes, once it completed, or racing its completion. */
	enum CancelPoint { BEFORE_COMPLETION, AFTER_COMPLETION, RACING_COMPLETION }

	/** The work user functions start during a cancellation run: Monos that never end unless cancelled. */
	static final class StartedWork {

		final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
		final java.util.concurrent.atomic.AtomicInteger cancelled = new java.util.concurrent.atomic.AtomicInteger();

		Mono<Object> never() {
			return Mono.never().doOnSubscribe(s -> started.incrementAndGet()).doOnCancel(cancelled::incrementAndGet);
		}

		@Override
		public String toString() {
			return "started " + started + ", cancelled " + cancelled;
		}
	}

	/** Set while a cancellation run assembles and runs: the async Monos user functions return never end then. */
	static volatile StartedWork cancelRun;

	static final java.util.concurrent.ExecutorService COMPLETER = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "pending-completer");
		t.setDaemon(true);
		return t;
	});

	/**
	 * A random pipeline over a pending input, cancelled while pending: before the input completes,
	 * after another thread completed it (the pipeline then waits on work a user function started,
	 * or has terminated), or while another thread completes it. Here the async Monos the functions
	 * return never end unless cancelled (some are started as pending with {@code Eager.start}).
	 * Before and after completion, the eager pipeline delivers the signals of the stock pipeline
	 * over a {@code Sinks.one()} cancelled at the same point, its input's work is cancelled as
	 * often, and it starts and cancels as much work. In every case, once the completing thread is
	 * done, every piece of work a function started was cancelled (none leaks), and the signals keep
	 * the Reactive Streams rules.
	 */
	@Property(tries = 400)
	void eagerPipelineCancelledWhilePendingStopsAndCancelsTheWorkItStarted(@ForAll("pendingKinds") InputKind kind,
			@ForAll Outcome outcome, @ForAll("workStartingPipelines") List<StepSpec> steps, @ForAll CancelPoint point,
			@ForAll("spins") int spins) throws Exception {
		String where = " for " + kind + "/" + outcome + " " + steps + " " + point + " after " + spins + " spins";
		StartedWork work = new StartedWork();
		cancelRun = work;
		try {
			Input in = Input.of(kind, outcome);
			SignalRecorder<Object> r = subscribe(in.mono().transform(Eager.map(x -> (Object) x)), steps, true, kind, point);
			java.util.concurrent.Future<?> completion = COMPLETER.submit(in::completeNow);
			if (point == CancelPoint.AFTER_COMPLETION) {
				completion.get(10, java.util.concurrent.TimeUnit.SECONDS);
			}
			for (int i = 0; i < spins && point == CancelPoint.RACING_COMPLETION; i++) {
				Thread.onSpinWait();
			}
			if (point != CancelPoint.BEFORE_COMPLETION) {
				r.cancel();
			}
			completion.get(10, java.util.concurrent.TimeUnit.SECONDS);
			if (point != CancelPoint.RACING_COMPLETION) {
				String eagerRun = r.signals() + inputCancelled(point, in.cancellations) + work;
				String stockRun = cancelledStockTwin(kind, outcome, steps, point);
				if (!eagerRun.equals(stockRun)) {
					throw new AssertionError("eager " + eagerRun + " != stock " + stockRun + where);
				}
			}
			if (r.signals().stream().anyMatch(x -> x.startsWith("VIOLATION"))) {
				throw new AssertionError("signals " + r.signals() + where);
			}
			if (work.cancelled.get() != work.started.get()) {
				throw new AssertionError(work + "; signals " + r.signals() + where);
			}
		}
		finally {
			cancelRun = null;
		}
	}

	/** The stock pipeline over a {@code Sinks.one()}, cancelled before or after it completes: what it did. */
	static String cancelledStockTwin(InputKind kind, Outcome outcome, List<StepSpec> steps, CancelPoint point) {
		StartedWork work = new StartedWork();
		cancelRun = work;
		reactor.core.publisher.Sinks.One<Integer> gate = reactor.core.publisher.Sinks.one();
		java.util.concurrent.atomic.AtomicInteger cancels = new java.util.concurrent.atomic.AtomicInteger();
		SignalRecorder<Object> r = subscribe(gate.asMono().doOnCancel(cancels::incrementAndGet).map(Object.class::cast), steps, false, kind,
				point);
		switch (outcome) {
			case VALUE -> gate.tryEmitValue(Outcome.VALUE_EMITTED);
			case EMPTY -> gate.tryEmitEmpty();
			case ERROR -> gate.tryEmitError(new IllegalStateException(Outcome.ERROR_MESSAGE));
		}
		if (point != CancelPoint.BEFORE_COMPLETION) {
			r.cancel();
		}
		return r.signals() + inputCancelled(point, cancels) + work;
	}

	/**
	 * Applies the steps (eager or stock) to {@code source}, subscribes with an unbounded request and
	 * the pending's Context (as {@link #compare} does: a function reading it sees the same on both
	 * sides), and cancels at once when cancelling before completion.
	 */
	static SignalRecorder<Object> subscribe(Mono<Object> source, List<StepSpec> steps, boolean eagerSide, InputKind kind, CancelPoint point) {
		Mono<Object> m = source;
		for (StepSpec s : steps) {
			m = (eagerSide ? eagerStep(s) : stockStep(s)).apply(m);
		}
		SignalRecorder<Object> r = new SignalRecorder<>();
		m.contextWrite(kind == InputKind.PENDING_START ? Input.testContext() : Context.empty()).subscribe(r);
		r.request(Long.MAX_VALUE);
		if (point == CancelPoint.BEFORE_COMPLETION) {
			r.cancel();
		}
		return r;
	}

	/** How often the input's work saw the cancel, when it was cancelled before completing (afterwards, a no-op). */
	static String inputCancelled(CancelPoint point, java.util.concurrent.atomic.AtomicInteger cancels) {
		return point == CancelPoint.BEFORE_COMPLETION ? ", input cancelled " + cancels + ", " : ", ";
	}

	/** As {@link #pipelines()}, one step in two a flatMap or onErrorResume whose function starts async work. */
	@Provide
	Arbitrary<List<StepSpec>> workStartingPipelines() {
		Arbitrary<StepSpec> any = Combinators.combine(Arbitraries.integers().between(0, NAMES.length - 1),
				Arbitraries.integers().between(0, 9), Arbitraries.integers().between(-3, 9)).as(StepSpec::new);
		Arbitrary<StepSpec> starting = Combinators.combine(Arbitraries.of(3, 8), Arbitraries.of(5, 8, 9),
				Arbitraries.integers().between(-3, 9)).as(StepSpec::new);
		return Arbitraries.oneOf(any, starting).list().ofMinSize(1).ofMaxSize(8);
	}

	@Provide
	Arbitrary<InputKind> pendingKinds() {
		return Arbitraries.of(InputKind.PENDING_SINK, InputKind.PENDING_START);
	}

	@Provide
	Arbitrary<Integer> spins() {
		return Arbitraries.integers().between(0, 5000);
	}

	// ------------------------------------------------------------------ the functions (shared by both sides)

	/** The delay of the lazy Monos that complete later, from Reactor's parallel scheduler. */
	static final java.time.Duration ASYNC = java.time.Duration.ofMillis(1);

	static int intOf(Object x) {
		return (Integer) x;
	}

	/** A Mono of the given kind produced inside a user function. */
	static Mono<Object> innerMono(int variant, int v) {
		PropagatedTrace.see("function returning a Mono");
		return switch (variant) {
			case 0 -> Mono.just(v);
			case 1 -> Mono.empty();
			case 2 -> Mono.error(new IllegalStateException("inner " + v));
			case 3 -> Mono.fromCallable(() -> v * 3);
			case 4 -> Mono.deferContextual(ctx -> Mono.just(v + ctx.getOrDefault("test.key", "?").length()));
			case 5 -> cancelRun != null ? Eager.start(cancelRun.never(), Input.testContext()) : OperatorCase.pendingOf(v * 5);
			case 6 -> null;
			case 7 -> throw new IllegalArgumentException("function threw on " + v);
			case 8 -> cancelRun != null ? cancelRun.never() : Mono.<Object>just(v * 7).delayElement(ASYNC);
			default -> cancelRun != null ? cancelRun.never() : Mono.<Object>error(new IllegalStateException("async inner " + v)).delaySubscription(ASYNC);
		};
	}

	/** The eager step, built from the same functions as {@link #stockStep}. */
	static Function<Mono<Object>, Mono<Object>> eagerStep(StepSpec s) {
		int k = s.k();
		int j = s.variant();
		return switch (s.op()) {
			case 0, 1, 2 -> m -> m.transform(Eager.map(mapper(s.op(), k)));
			case 3 -> m -> m.transform(Eager.flatMap(x -> innerMono(j, intOf(x) + k)));
			case 4 -> m -> m.transform(Eager.filter(x -> test(x, j, k)));
			case 5 -> m -> m.transform(Eager.<Object, Object>handle((x, sink) -> handle(x, sink, j, k)));
			case 6 -> m -> m.transform(Eager.doOnNext(x -> doOnNext(x, k)));
			case 7 -> m -> m.transform(Eager.doOnError(e -> doOnError(e, j)));
			case 8 -> m -> m.transform(Eager.onErrorResume(e -> innerMono(j, e.getMessage().length() + k)));
			case 9 -> m -> m.transform(Eager.onErrorReturn((Object) k));
			case 10 -> m -> m.transform(Eager.onErrorMap(e -> errorMap(e, j)));
			case 11 -> m -> m.transform(Eager.switchIfEmpty(alternate(j, k)));
			case 12 -> m -> m.transform(Eager.defaultIfEmpty((Object) k));
			case 13 -> m -> m.transform(Eager.then()).map(Object.class::cast);
			case 14 -> m -> m.transform(Eager.then(alternate(j, k)));
			case 15 -> m -> m.transform(Eager.thenReturn((Object) k));
			case 16 -> m -> m.transform(Eager.doOnSuccess(x -> doOnSuccess(x, j, k)));
			default -> throw new AssertionError(s);
		};
	}

	/** The stock twin of {@link #eagerStep}. */
	static Function<Mono<Object>, Mono<Object>> stockStep(StepSpec s) {
		int k = s.k();
		int j = s.variant();
		return switch (s.op()) {
			case 0, 1, 2 -> m -> m.map(mapper(s.op(), k));
			case 3 -> m -> m.flatMap(x -> innerMono(j, intOf(x) + k));
			case 4 -> m -> m.filter(x -> test(x, j, k));
			case 5 -> m -> m.handle((x, sink) -> handle(x, sink, j, k));
			case 6 -> m -> m.doOnNext(x -> doOnNext(x, k));
			case 7 -> m -> m.doOnError(e -> doOnError(e, j));
			case 8 -> m -> m.onErrorResume(e -> innerMono(j, e.getMessage().length() + k));
			case 9 -> m -> m.onErrorReturn(k);
			case 10 -> m -> m.onErrorMap(e -> errorMap(e, j));
			case 11 -> m -> m.switchIfEmpty(alternate(j, k));
			case 12 -> m -> m.defaultIfEmpty(k);
			case 13 -> m -> m.then().map(Object.class::cast);
			case 14 -> m -> m.then(alternate(j, k));
			case 15 -> m -> m.thenReturn(k);
			case 16 -> m -> m.doOnSuccess(x -> doOnSuccess(x, j, k));
			default -> throw new AssertionError(s);
		};
	}

	/** One lambda site per mapper, so that both sides name the same mapper class in a null-value error. */
	static Function<Object, Object> mapper(int op, int k) {
		return x -> switch (op) {
			case 0 -> map(x, k);
			case 1 -> mapThrowing(x, k);
			default -> mapNull(x, k);
		};
	}

	static Object mapThrowing(Object x, int k) {
		PropagatedTrace.see("mapThrowing");
		if (intOf(x) % 3 == 0) {
			throw new IllegalArgumentException("map threw on " + x);
		}
		return intOf(x) * 2 + k;
	}

	static Object mapNull(Object x, int k) {
		PropagatedTrace.see("mapNull");
		return intOf(x) % 2 == 0 ? null : intOf(x) + k;
	}

	static Object map(Object x, int k) {
		PropagatedTrace.see("map");
		return intOf(x) + k;
	}

	static boolean test(Object x, int j, int k) {
		PropagatedTrace.see("filter");
		if (j == 7 && intOf(x) % 2 != 0) {
			throw new IllegalArgumentException("filter threw on " + x);
		}
		return (intOf(x) + k) % 2 == 0;
	}

	static void handle(Object x, reactor.core.publisher.SynchronousSink<Object> sink, int j, int k) {
		PropagatedTrace.see("handle");
		switch (j % 5) {
			case 0 -> sink.next(intOf(x) + k);
			case 1 -> { }
			case 2 -> sink.complete();
			case 3 -> sink.error(new IllegalStateException("handle error " + x));
			default -> throw new IllegalArgumentException("handle threw on " + x);
		}
	}

	static void doOnNext(Object x, int k) {
		PropagatedTrace.see("doOnNext");
		if ((intOf(x) + k) % 4 == 0) {
			throw new IllegalArgumentException("doOnNext threw on " + x);
		}
	}

	static void doOnSuccess(Object x, int j, int k) {
		if (x == null ? j % 3 == 0 : (intOf(x) + k) % 4 == 1) {
			throw new IllegalArgumentException("doOnSuccess threw on " + x);
		}
	}

	static void doOnError(Throwable e, int j) {
		PropagatedTrace.see("doOnError");
		if (j % 2 == 1) {
			throw new IllegalArgumentException("doOnError threw on " + e.getMessage());
		}
	}

	static Throwable errorMap(Throwable e, int j) {
		PropagatedTrace.see("onErrorMap");
		return switch (j % 3) {
			case 0 -> new UnsupportedOperationException("mapped " + e.getMessage());
			case 1 -> null;
			default -> throw new IllegalArgumentException("onErrorMap threw on " + e.getMessage());
		};
	}

	/** The alternative of switchIfEmpty / then(Mono): built at assembly, once per pipeline side. */
	static Mono<Object> alternate(int j, int k) {
		return switch (j % 6) {
			case 0 -> Mono.just(k);
			case 1 -> Mono.empty();
			case 2 -> Mono.error(new IllegalStateException("alternate " + k));
			case 3 -> Mono.fromCallable(() -> k * 7);
			case 4 -> cancelRun != null ? cancelRun.never() : Mono.<Object>just(k * 13).delayElement(ASYNC);
			// a cancellation run keeps its timing deterministic: a pending built at assembly has completed
			default -> cancelRun != null ? Eager.start(Mono.just(k * 11), Input.testContext()) : OperatorCase.pendingOf(k * 11);
		};
	}
}
