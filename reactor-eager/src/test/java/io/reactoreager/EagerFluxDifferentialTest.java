package io.reactoreager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.reactoreager.testing.FluxOp;
import io.reactoreager.testing.HookProbe;
import io.reactoreager.testing.InnerKind;
import io.reactoreager.testing.PropagatedTrace;
import io.reactoreager.testing.SignalRecorder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.util.annotation.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential laws: for random inner kinds, demand patterns, pending completions (on another
 * thread), cancellation points, errors and concurrency, each EagerFlux operator delivers the
 * signals its stock twin delivers. Every action of a run finishes before the next starts (a
 * pending is completed on another thread and joined), so both runs see the same schedule.
 * Exact order is required for concatMap and flatMapSequential always, and for flatMap when no
 * inner is pending; flatMap with pending inners is compared by its ending and, on completion, as
 * a multiset (see docs/semantics-flux.md for why the order may differ).
 */
class EagerFluxDifferentialTest {

	static final ExecutorService OTHER_THREAD = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "pending-completer");
		t.setDaemon(true);
		return t;
	});

	@AfterContainer
	static void shutdown() {
		Hooks.resetOnErrorDropped();
		OTHER_THREAD.shutdownNow();
	}

	sealed interface Action permits Request, Complete, Cancel {
	}

	record Request(long n) implements Action {
		@Override
		public String toString() {
			return "request(" + n + ")";
		}
	}

	record Complete(int index) implements Action {
		@Override
		public String toString() {
			return "complete(" + index + ")";
		}
	}

	record Cancel() implements Action {
		@Override
		public String toString() {
			return "cancel";
		}
	}

	record Scenario(List<InnerKind> kinds, boolean fusedSource, boolean sourceErrors, int concurrency, long initialRequest, List<Action> actions) {
	}

	@Property(tries = 1000)
	void flatMapDeliversStockSignals(@ForAll("scenarios") Scenario sc) {
		check(FluxOp.FLAT_MAP, sc);
	}

	@Property(tries = 1000)
	void concatMapDeliversStockSignals(@ForAll("scenarios") Scenario sc) {
		check(FluxOp.CONCAT_MAP, sc);
	}

	@Property(tries = 1000)
	void flatMapSequentialDeliversStockSignals(@ForAll("scenarios") Scenario sc) {
		check(FluxOp.FLAT_MAP_SEQUENTIAL, sc);
	}

	@BeforeContainer
	static void quietDroppedErrors() {
		// pending errors completed after the pipeline was cancelled are reported as never
		// retrieved when collected: expected here, and noisy
		Hooks.onErrorDropped(e -> { });
	}

	void check(FluxOp op, Scenario sc) {
		boolean[] finishedPending = new boolean[1];
		List<String> stock = run(op, false, sc, finishedPending);
		List<String> eager = run(op, true, sc, finishedPending);
		compareSignals(op, sc, stock, eager, finishedPending[0]);
	}

	static void compareSignals(FluxOp op, Scenario sc, List<String> stock, List<String> eager, boolean finishedPending) {
		assertThat(eager).as("eager signals").noneMatch(s -> s.startsWith("VIOLATION"));
		assertThat(stock).as("stock signals").noneMatch(s -> s.startsWith("VIOLATION"));
		if (op.interleaves && finishedPending) {
			// flatMap over a pending inner that had already finished when the function returned it:
			// resolved to us (its value queued with the other resolved values, its slot freed when
			// that value is emitted) where stock subscribes it as an inner, so values may come in
			// another order, and an error or a cancel may cut the stream at another point (the
			// documented difference). Law: on completion by both, the same multiset; otherwise every
			// value is one the inners produce, each at most once, within demand.
			if (stock.contains("complete") && eager.contains("complete")) {
				assertThat(eager).as("same signals as a multiset").containsExactlyInAnyOrderElementsOf(stock);
			}
			else {
				List<String> values = eager.stream().filter(x -> x.startsWith("next(")).toList();
				assertThat(values).doesNotHaveDuplicates();
				assertThat(values).allMatch(v -> possibleValues(sc.kinds()).contains(v));
			}
		}
		else {
			assertThat(eager).as("same signals in the same order").containsExactlyElementsOf(stock);
		}
	}

	@Provide
	Arbitrary<HookProbe.Spec> hooks() {
		Arbitrary<Boolean> b = Arbitraries.of(true, false);
		return Combinators.combine(b, b, b, b).as(HookProbe.Spec::new);
	}

	/**
	 * The same law with Reactor's hooks installed on both runs: a tagging
	 * {@code Hooks.onOperatorError} (the errors it saw, and the delivered error, must match),
	 * a counting {@code Hooks.onEachOperator} (both runs pass through it), and, in the
	 * subscriber's Context, {@code onErrorContinue} (the errors and values continued past must
	 * match) and a discard hook (installed; what it sees is not compared yet: concatMap and flatMapSequential
	 * discard other values than stock when an error or a cancel cuts the stream). Where flatMap's order may legitimately differ (a finished pending inner,
	 * see {@link #check}), the signals are compared by that weaker law and the hooks' records as
	 * multisets.
	 */
	@Property(tries = 600)
	void operatorsUnderReactorHooksDeliverStockSignalsAndEffects(@ForAll FluxOp op, @ForAll("scenarios") Scenario sc,
			@ForAll("hooks") HookProbe.Spec spec) {
		if (op == FluxOp.FLAT_MAP && spec.errorContinue() && sc.kinds().contains(InnerKind.RESOLVED_ERROR)) {
			// stock flatMap continuing past a Mono.error inner requests one source value too many
			// (EagerFluxErrorHooksTest.flatMapContinuingPastAMonoErrorInner...): the source's
			// signals then come at other points
			spec = spec.withoutErrorContinue();
		}
		boolean[] finishedPending = new boolean[1];
		HookProbe stockProbe;
		List<String> stock;
		try (HookProbe p = HookProbe.install(spec)) {
			stock = run(op, false, sc, finishedPending, p);
			stockProbe = p;
		}
		HookProbe eagerProbe;
		List<String> eager;
		try (HookProbe p = HookProbe.install(spec)) {
			eager = run(op, true, sc, finishedPending, p);
			eagerProbe = p;
		}
		compareSignals(op, sc, stock, eager, finishedPending[0]);
		boolean exactOrder = !(op.interleaves && finishedPending[0]);
		assertThat(records(eagerProbe, exactOrder)).as("what onOperatorError and onErrorContinue saw")
				.isEqualTo(records(stockProbe, exactOrder));
		if (spec.eachOperator()) {
			assertThat(eagerProbe.operators.get()).as("onEachOperator ran (stock %s)", stockProbe.operators.get()).isPositive();
		}
	}

	/**
	 * Under automatic context propagation ({@link PropagatedTrace}), with the subscriber's Context
	 * carrying the ThreadLocal's value and Reactor's hooks installed, the function of each operator
	 * sees the ThreadLocal value stock's sees, for every source element it is applied to (in the
	 * same order but for flatMap over a pending inner that had already finished, where it may
	 * differ: then as a multiset), and the signals keep the laws above.
	 */
	@Property(tries = 300)
	void functionsSeeStocksThreadLocalsUnderAutomaticContextPropagation(@ForAll FluxOp op, @ForAll("scenarios") Scenario sc,
			@ForAll("hooks") HookProbe.Spec hooks) {
		HookProbe.Spec spec = op == FluxOp.FLAT_MAP && hooks.errorContinue() && sc.kinds().contains(InnerKind.RESOLVED_ERROR)
				? hooks.withoutErrorContinue() : hooks;
		boolean[] finishedPending = new boolean[1];
		PropagatedTrace.Recorded<List<String>> stock;
		try (HookProbe p = HookProbe.install(spec)) {
			stock = PropagatedTrace.record(() -> run(op, false, sc, finishedPending, p));
		}
		PropagatedTrace.Recorded<List<String>> eager;
		try (HookProbe p = HookProbe.install(spec)) {
			eager = PropagatedTrace.record(() -> run(op, true, sc, finishedPending, p));
		}
		compareSignals(op, sc, stock.result(), eager.result(), finishedPending[0]);
		if ("error".equals(ending(stock.result())) && op.interleaves) {
			// how many source values an interleaving operator maps before an inner's error stops it
			// depends on when that error arrives (the signals' laws above allow it; eager flatMap may
			// map one more, as its resolved inners take no place): a value both functions saw, they
			// saw with the same ThreadLocal, and every value was seen with the one stock saw
			java.util.Map<String, String> stockSaw = byValue(stock.seen());
			java.util.Map<String, String> eagerSaw = byValue(eager.seen());
			for (String value : eagerSaw.keySet()) {
				if (stockSaw.containsKey(value)) {
					assertThat(eagerSaw.get(value)).as("what the function on %s saw", value).isEqualTo(stockSaw.get(value));
				}
			}
			assertThat(new java.util.HashSet<>(eagerSaw.values())).as("what the functions saw")
					.isEqualTo(new java.util.HashSet<>(stockSaw.values()));
		}
		else if (op.interleaves && finishedPending[0]) {
			assertThat(eager.seen()).as("what the functions saw").containsExactlyInAnyOrderElementsOf(stock.seen());
		}
		else {
			assertThat(eager.seen()).as("what the functions saw").isEqualTo(stock.seen());
		}
	}

	/** "function on V saw T" records as V to T. */
	static java.util.Map<String, String> byValue(List<String> seen) {
		java.util.Map<String, String> m = new java.util.HashMap<>();
		for (String s : seen) {
			int at = s.indexOf(" saw ");
			m.put(s.substring(0, at), s.substring(at + 5));
		}
		return m;
	}

	/** What a probe's onOperatorError and onErrorContinue saw, in order or as multisets. */
	static List<Object> records(HookProbe p, boolean exactOrder) {
		List<String> errors = new ArrayList<>(p.operatorErrors);
		List<String> continued = new ArrayList<>(p.continued);
		if (!exactOrder) {
			java.util.Collections.sort(errors);
			java.util.Collections.sort(continued);
		}
		return List.of(errors, continued);
	}

	static String ending(List<String> signals) {
		if (signals.isEmpty()) {
			return "none";
		}
		String last = signals.get(signals.size() - 1);
		return last.startsWith("next(") ? "none" : last.startsWith("error(") ? "error" : last;
	}

	static java.util.Set<String> possibleValues(List<InnerKind> kinds) {
		java.util.Set<String> all = new java.util.HashSet<>();
		for (int i = 0; i < kinds.size(); i++) {
			for (int d : new int[] {0, 1, 2, 5}) {
				all.add("next(" + (i * 10 + d) + ")");
			}
		}
		return all;
	}

	static List<String> shape(List<String> signals) {
		return signals.stream().map(s -> s.startsWith("next(") ? "next" : s).toList();
	}

	static List<String> run(FluxOp op, boolean eager, Scenario sc) {
		return run(op, eager, sc, new boolean[1]);
	}

	/** One run; sets {@code finishedPending[0]} when the function returned an already finished pending. */
	static List<String> run(FluxOp op, boolean eager, Scenario sc, boolean[] finishedPending) {
		return run(op, eager, sc, finishedPending, null);
	}

	/** As {@link #run(FluxOp, boolean, Scenario, boolean[])}, with the Context hooks of {@code probe} when given. */
	static List<String> run(FluxOp op, boolean eager, Scenario sc, boolean[] finishedPending, @Nullable HookProbe probe) {
		int n = sc.kinds().size();
		List<io.reactoreager.EagerSink<Integer>> sinks = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			sinks.add(Eager.sink(() -> { }));
		}
		Function<Integer, Publisher<Integer>> f = i -> {
			PropagatedTrace.see("function on " + i);
			InnerKind k = sc.kinds().get(i);
			if (k == InnerKind.DONE_PENDING || (k.isPending() && sinks.get(i).isDone())) {
				finishedPending[0] = true;
			}
			return k.build(i, sinks);
		};
		Flux<Integer> source = Flux.range(0, n);
		if (!sc.fusedSource()) {
			source = source.hide();
		}
		if (sc.sourceErrors()) {
			source = source.concatWith(Flux.error(new IllegalStateException("source")));
		}
		Flux<Integer> out = eager ? op.eager(source, f, sc.concurrency()) : op.stock(source, f, sc.concurrency());
		if (probe != null) {
			// the traced entry matters only under automatic context propagation (PropagatedTrace.record)
			out = probe.decorate(out).contextWrite(PropagatedTrace.withTrace(reactor.util.context.Context.empty()));
		}
		SignalRecorder<Integer> r = new SignalRecorder<>();
		out.subscribe(r);
		if (sc.initialRequest() > 0) {
			r.request(sc.initialRequest());
		}
		boolean cancelled = false;
		for (Action a : sc.actions()) {
			if (a instanceof Request q) {
				r.request(q.n());
			}
			else if (a instanceof Complete c) {
				if (c.index() < n) {
					completeOnOtherThread(sc.kinds().get(c.index()), c.index(), sinks.get(c.index()));
				}
			}
			else {
				r.cancel();
				cancelled = true;
				break;
			}
		}
		if (!cancelled) {
			for (int i = 0; i < n; i++) {
				completeOnOtherThread(sc.kinds().get(i), i, sinks.get(i));
			}
			r.request(Long.MAX_VALUE);
			assertThat(r.isTerminated()).as("terminated once everything completed: %s", r.signals()).isTrue();
		}
		return r.signals();
	}

	static void completeOnOtherThread(InnerKind kind, int i, io.reactoreager.EagerSink<Integer> sink) {
		if (!kind.isPending() || sink.isDone()) {
			return;
		}
		try {
			OTHER_THREAD.submit(() -> kind.complete(i, sink)).get(10, TimeUnit.SECONDS);
		}
		catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	@Provide
	Arbitrary<Scenario> scenarios() {
		Arbitrary<List<InnerKind>> kinds = Arbitraries.of(InnerKind.class).list().ofMaxSize(10);
		Arbitrary<Action> action = Arbitraries.frequencyOf(
				net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(1, 4).map(Request::new)),
				net.jqwik.api.Tuple.of(1, Arbitraries.just(new Request(Long.MAX_VALUE))),
				net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0, 9).map(Complete::new)),
				net.jqwik.api.Tuple.of(1, Arbitraries.just(new Cancel())));
		return Combinators.combine(
				kinds,
				Arbitraries.of(true, false),
				Arbitraries.frequency(net.jqwik.api.Tuple.of(4, false), net.jqwik.api.Tuple.of(1, true)),
				Arbitraries.of(1, 2, 3, 256),
				Arbitraries.longs().between(0, 3),
				action.list().ofMaxSize(14))
				.as(Scenario::new);
	}
}
