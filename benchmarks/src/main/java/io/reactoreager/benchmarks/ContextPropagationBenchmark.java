package io.reactoreager.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.context.ContextRegistry;
import io.reactoreager.Eager;
import io.reactoreager.EagerSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;

/**
 * Isolates the cost of automatic context propagation ({@code Hooks.enableAutomaticContextPropagation()}
 * with one registered ThreadLocal) on a 3-step chain ({@code map, filter, map}) over a pending
 * input completed after subscription, subscribed with a Context that carries the ThreadLocal's
 * key: eager ({@code Eager.sink}: one continuation per step, each restoring the ThreadLocals)
 * beside stock Reactor over {@code Sinks.one()} (which restores them in its operators), with
 * propagation on and off ({@code propagation}).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ContextPropagationBenchmark</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ContextPropagationBenchmark {

	static final String KEY = "bench.trace";
	static final ThreadLocal<String> TRACE = new ThreadLocal<>();
	static final Context CONTEXT = Context.of(KEY, "t");

	static final Function<Mono<Integer>, Mono<Integer>> MAP_1 = Eager.map(x -> x + 1);
	static final Function<Mono<Integer>, Mono<Integer>> FILTER = Eager.filter(x -> x >= 0);
	static final Function<Mono<Integer>, Mono<Integer>> MAP_2 = Eager.map(x -> x - 1);

	/** Automatic context propagation on or off. */
	@Param({"false", "true"})
	public boolean propagation;

	int i;

	final LastValue last = new LastValue();

	@Setup(Level.Trial)
	public void setUp() {
		ContextRegistry.getInstance().registerThreadLocalAccessor(KEY, TRACE::get, TRACE::set, TRACE::remove);
		if (propagation) {
			Hooks.enableAutomaticContextPropagation();
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		Hooks.disableAutomaticContextPropagation();
		ContextRegistry.getInstance().removeThreadLocalAccessor(KEY);
	}

	/** Eager steps on a pending input, completed after subscription. */
	@Benchmark
	public Object eagerPending() {
		EagerSink<Integer> sink = Eager.sink(() -> { });
		sink.asMono().transform(MAP_1).transform(FILTER).transform(MAP_2).contextWrite(CONTEXT).subscribe(last);
		sink.tryEmitValue(i++ & 31);
		return last.take();
	}

	/** The stock operators over {@code Sinks.one()}, completed after subscription. */
	@Benchmark
	public Object reactorPending() {
		Sinks.One<Integer> sink = Sinks.one();
		sink.asMono().map(x -> x + 1).filter(x -> x >= 0).map(x -> x - 1).contextWrite(CONTEXT).subscribe(last);
		sink.tryEmitValue(i++ & 31);
		return last.take();
	}
}
