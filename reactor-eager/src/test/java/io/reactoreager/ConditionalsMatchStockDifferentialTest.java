package io.reactoreager;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import io.reactoreager.testing.SignalLog;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.util.annotation.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential laws: the eager filterWhen (Mono and Flux), zipWhen and delayUntil deliver exactly
 * the signals of their stock twins, with the switch on and off, for random tests of every kind
 * (resolved, finished eager, pending, lazy Mono, Callable, lazy Flux) and every outcome, random
 * sources, random demand (request sequences), cancellation and buffer sizes. Pending tests are
 * completed by the harness on the test thread between requests, in creation order (or, for the
 * eager Flux filterWhen, which has several outstanding at once, in a random order from a seed), so
 * each run is deterministic; the log records every signal and which steps it followed, and how many pending
 * tests saw their work cancelled.
 */
class ConditionalsMatchStockDifferentialTest {

	enum Kind { RESOLVED, EAGER_JUST, DONE_PENDING, PENDING, LAZY_MONO, CALLABLE, LAZY_FLUX }

	enum Outcome { TRUE, FALSE, EMPTY, ERROR }

	enum Source { JUST, EMPTY, ERROR, LAZY, PENDING }

	record Plan(Kind kind, Outcome outcome) { }

	/** Requests: n > 0 requests n, 0 only settles pending tests, -1 cancels. */
	record FluxCase(List<Plan> plans, boolean upstreamError, int bufferSize, List<Integer> requests, boolean finalUnbounded) { }

	record MonoCase(Source source, Plan plan, List<Integer> requests) { }

	@BeforeProperty
	void quietDrops() {
		// stock MonoFilterWhen reports a predicate error to onErrorDropped after delivering it
		Hooks.onErrorDropped(e -> { });
	}

	@AfterProperty
	void restore() {
		Hooks.resetOnErrorDropped();
		EagerPolicy.setEnabled(true);
	}

	// ------------------------------------------------------------------ properties

	@Property(tries = 1000)
	void fluxFilterWhenMatchesStock(@ForAll("fluxCases") FluxCase c) {
		List<String> stock = runFlux(c, env -> src(c, env).filterWhen(x -> env.test(c.plans().get(x)), c.bufferSize()));
		assertThat(runFluxEager(c, true)).isEqualTo(stock);
		assertThat(runFluxEager(c, false)).isEqualTo(stock);
	}

	/**
	 * The eager operator starts the tests of every buffered value at once, so several pending
	 * tests are outstanding together; here the harness completes them in a random order (stock
	 * has at most one outstanding). Emission must still follow stock exactly.
	 */
	@Property(tries = 1000)
	void fluxFilterWhenMatchesStockWhenPendingTestsCompleteInRandomOrder(@ForAll("fluxCases") FluxCase c, @ForAll long seed) {
		List<String> stock = runFlux(c, seed, env -> src(c, env).filterWhen(x -> env.test(c.plans().get(x)), c.bufferSize()));
		for (boolean on : new boolean[] {true, false}) {
			assertThat(runFlux(c, seed, env -> withSwitch(on, () -> src(c, env)
					.transform(EagerFlux.filterWhen(x -> env.test(c.plans().get(x)), c.bufferSize())))))
					.as("switch %s", on).isEqualTo(stock);
		}
	}

	@Property(tries = 1000)
	void monoFilterWhenMatchesStock(@ForAll("monoCases") MonoCase c) {
		List<String> stock = runMono(c, env -> env.source(c.source()).filterWhen(x -> env.test(c.plan())));
		for (boolean on : new boolean[] {true, false}) {
			assertThat(runMono(c, env -> withSwitch(on, () -> env.source(c.source()).transform(Eager.filterWhen(x -> env.test(c.plan()))))))
					.as("switch %s", on).isEqualTo(stock);
		}
	}

	@Property(tries = 1000)
	void monoZipWhenMatchesStock(@ForAll("monoCases") MonoCase c) {
		List<String> stock = runMono(c, env -> env.source(c.source()).zipWhen(x -> env.right(c.plan(), x), (a, b) -> a + "/" + b));
		for (boolean on : new boolean[] {true, false}) {
			assertThat(runMono(c, env -> withSwitch(on, () -> env.source(c.source()).transform(Eager.zipWhen(x -> env.right(c.plan(), x), (a, b) -> a + "/" + b)))))
					.as("switch %s", on).isEqualTo(stock);
		}
	}

	@Property(tries = 1000)
	void monoDelayUntilMatchesStock(@ForAll("monoCases") MonoCase c) {
		List<String> stock = runMono(c, env -> env.source(c.source()).delayUntil(x -> env.trigger(c.plan())));
		for (boolean on : new boolean[] {true, false}) {
			assertThat(runMono(c, env -> withSwitch(on, () -> env.source(c.source()).transform(Eager.delayUntil(x -> env.trigger(c.plan()))))))
					.as("switch %s", on).isEqualTo(stock);
		}
	}

	// ------------------------------------------------------------------ generators

	static Arbitrary<Plan> plans() {
		return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.of(Outcome.class)).as(Plan::new);
	}

	static Arbitrary<List<Integer>> requests(int max) {
		return Arbitraries.integers().between(-1, max).list().ofMaxSize(6);
	}

	@Provide
	Arbitrary<FluxCase> fluxCases() {
		return Combinators.combine(plans().list().ofMaxSize(12), Arbitraries.of(true, false),
				Arbitraries.integers().between(1, 8), requests(4), Arbitraries.of(true, false)).as(FluxCase::new);
	}

	@Provide
	Arbitrary<MonoCase> monoCases() {
		return Combinators.combine(Arbitraries.of(Source.class), plans(), requests(2)).as(MonoCase::new);
	}

	// ------------------------------------------------------------------ harness

	static <T> T withSwitch(boolean on, Supplier<T> assembly) {
		EagerPolicy.setEnabled(on);
		try {
			return assembly.get();
		}
		finally {
			EagerPolicy.setEnabled(true);
		}
	}

	static Flux<Integer> src(FluxCase c, Env env) {
		Flux<Integer> f = Flux.range(0, c.plans().size());
		return c.upstreamError() ? f.concatWith(Mono.error(new IllegalStateException("upstream"))) : f;
	}

	List<String> runFluxEager(FluxCase c, boolean on) {
		return runFlux(c, env -> withSwitch(on, () -> src(c, env)
				.transform(EagerFlux.filterWhen(x -> env.test(c.plans().get(x)), c.bufferSize()))));
	}

	static List<String> runFlux(FluxCase c, Function<Env, Publisher<?>> build) {
		return run(build, fluxSteps(c), null);
	}

	/** As {@link #runFlux(FluxCase, Function)}, completing outstanding pending tests in a random order. */
	static List<String> runFlux(FluxCase c, long seed, Function<Env, Publisher<?>> build) {
		return run(build, fluxSteps(c), new Random(seed));
	}

	static List<Integer> fluxSteps(FluxCase c) {
		List<Integer> steps = new ArrayList<>(c.requests());
		if (c.finalUnbounded()) {
			steps.add(Integer.MAX_VALUE);
		}
		return steps;
	}

	/**
	 * A Mono run starts with a positive request. Stock Mono operators request their source's
	 * value only on demand, so they complete empty (or fail) only after a request, while an
	 * eager Mono whose outcome is empty or an error signals it at once (Reactive Streams allows
	 * terminals without demand; a resolved {@code Mono.empty()} does the same in stock). The view
	 * compared is therefore the signal sequence without the step markers, after checking that no
	 * value arrived before the first request.
	 */
	static List<String> runMono(MonoCase c, Function<Env, Publisher<?>> build) {
		List<Integer> steps = new ArrayList<>();
		steps.add(1);
		steps.addAll(c.requests());
		List<String> log = run(build, steps, null);
		int firstStep = log.indexOf("step 1");
		for (int i = 0; i < firstStep; i++) {
			assertThat(log.get(i)).as("no value before demand").doesNotStartWith("next");
		}
		List<String> signals = new ArrayList<>(log);
		signals.removeIf(e -> e.startsWith("step"));
		return signals;
	}

	static List<String> run(Function<Env, Publisher<?>> build, List<Integer> steps, @Nullable Random order) {
		Env env = new Env(order);
		SignalLog r = new SignalLog(env.log);
		build.apply(env).subscribe(r);
		env.settle();
		for (int step : steps) {
			env.log.add("step " + step);
			if (step < 0) {
				r.cancel();
			}
			else if (step > 0) {
				r.request(step == Integer.MAX_VALUE ? Long.MAX_VALUE : step);
			}
			env.settle();
		}
		env.log.add("cancelled tests " + env.cancelledTests.get());
		return env.log;
	}

	/**
	 * Builds tests and sources for one run; completes pending ones on demand, in creation order,
	 * or in a random order when given a {@link Random}.
	 */
	static final class Env {

		final List<String> log = new ArrayList<>();
		final List<Runnable> outstanding = new ArrayList<>();
		final AtomicInteger cancelledTests = new AtomicInteger();
		@Nullable
		final Random order;

		Env(@Nullable Random order) {
			this.order = order;
		}

		void settle() {
			while (!outstanding.isEmpty()) {
				outstanding.remove(order == null ? 0 : order.nextInt(outstanding.size())).run();
			}
		}

		Mono<Integer> source(Source s) {
			switch (s) {
				case JUST: return Mono.just(7);
				case EMPTY: return Mono.empty();
				case ERROR: return Mono.error(new IllegalStateException("source"));
				case LAZY: return Mono.just(7).hide();
				default: {
					EagerSink<Integer> sink = Eager.sink(cancelledTests::incrementAndGet);
					outstanding.add(() -> sink.tryEmitValue(7));
					return sink.asMono();
				}
			}
		}

		/** A filterWhen test. */
		Publisher<Boolean> test(Plan p) {
			return build(p, Boolean.TRUE, Boolean.FALSE, true);
		}

		/** A zipWhen right-hand side (a Mono). */
		Mono<String> right(Plan p, int x) {
			Publisher<String> r = build(p, "r" + x, "s" + x, false);
			return (Mono<String>) r;
		}

		/** A delayUntil trigger. */
		Publisher<?> trigger(Plan p) {
			return build(p, "t", "u", true);
		}

		<V> Publisher<V> build(Plan p, V yes, V no, boolean fluxAllowed) {
			V value = p.outcome() == Outcome.TRUE ? yes : p.outcome() == Outcome.FALSE ? no : null;
			boolean error = p.outcome() == Outcome.ERROR;
			switch (p.kind()) {
				case RESOLVED:
					return error ? Mono.error(new IllegalStateException("test")) : value == null ? Mono.empty() : Mono.just(value);
				case EAGER_JUST:
					// a Boolean verdict is one of the two shared instances
					return error ? Mono.error(new IllegalStateException("test")) : value == null ? Mono.empty() : Eager.just(value);
				case DONE_PENDING:
				case PENDING: {
					EagerSink<V> sink = Eager.sink(cancelledTests::incrementAndGet);
					Runnable complete = () -> {
						if (error) {
							sink.tryEmitError(new IllegalStateException("test"));
						}
						else if (value == null) {
							sink.tryEmitEmpty();
						}
						else {
							sink.tryEmitValue(value);
						}
					};
					if (p.kind() == Kind.DONE_PENDING) {
						complete.run();
					}
					else {
						outstanding.add(complete);
					}
					return sink.asMono();
				}
				case CALLABLE:
					return Mono.fromCallable(() -> {
						if (error) {
							throw new IllegalStateException("test");
						}
						return value;
					});
				case LAZY_FLUX:
					if (fluxAllowed) {
						if (error) {
							return Flux.<V>error(new IllegalStateException("test")).hide();
						}
						return value == null ? Flux.<V>empty().hide() : Flux.just(value, value == yes ? no : yes).hide();
					}
					// fall through: a zipWhen right-hand side is a Mono
				default:
					return (error ? Mono.<V>error(new IllegalStateException("test")) : value == null ? Mono.<V>empty() : Mono.just(value)).hide();
			}
		}
	}
}
