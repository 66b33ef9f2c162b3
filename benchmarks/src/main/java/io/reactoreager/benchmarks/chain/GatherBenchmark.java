package io.reactoreager.benchmarks.chain;

import io.reactoreager.Eager;
import io.reactoreager.EagerSink;
import io.reactoreager.benchmarks.EagerSwitch;
import io.reactoreager.benchmarks.LastValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Gathering {@code children} Monos into a list in argument order ({@code asyncio.gather}), once
 * per operation. It isolates the cost of the join itself:
 * <ul>
 *   <li>{@code resolved}: the children are {@code Mono.just} values built once in setup, so only
 *       the gather is measured (the eager fast path reads them on the spot);
 *   <li>{@code pending}: fresh single-assignment children per operation ({@code Eager.sink},
 *       {@code Sinks.one()}, or an incomplete {@code CompletableFuture}), gathered, then completed
 *       in order on the benchmark thread.
 * </ul>
 * {@code eager} is {@code Eager.gather}; with the switch off it builds its stock twin, the
 * cheapest stock form with the same signals (an empty child adds no element):
 * {@code Flux.mergeSequential(children, n, 1).collectList()}, which {@code reactor} measures.
 * {@code reactorZip} is the stock {@code Mono.zip(children, Arrays::asList)}: cheaper, but not
 * the same operator (an empty child completes it empty). Not {@code final}: JMH generates subclasses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GatherBenchmark {
	private static final Runnable NO_CANCEL = () -> { };

	@Param({"2", "10", "100"})
	public int children;

	@Param({"resolved", "pending"})
	public String input;

	private final LastValue subscriber = new LastValue();
	private List<Mono<Integer>> resolved;
	private CompletableFuture<Integer>[] resolvedFutures;

	@Setup
	@SuppressWarnings("unchecked")
	public void setUp() {
		resolved = new ArrayList<>(children);
		resolvedFutures = new CompletableFuture[children];
		for (int i = 0; i < children; i++) {
			resolved.add(Mono.just(i & 127));
			resolvedFutures[i] = CompletableFuture.completedFuture(i & 127);
		}
	}

	/** Stock Reactor, the same signals as a gather: {@code Flux.mergeSequential(children, n, 1).collectList()}. */
	@Benchmark
	public Object reactor() {
		return stock(monos -> Flux.mergeSequential(monos, Math.max(1, monos.size()), 1).collectList());
	}

	/** Stock Reactor, {@code Mono.zip(children, Arrays::asList)}: what a stock user often writes instead. */
	@Benchmark
	public Object reactorZip() {
		return stock(monos -> Mono.zip(monos, Arrays::asList));
	}

	private Object stock(Function<List<Mono<Integer>>, Mono<? extends List<?>>> join) {
		if (input.equals("resolved")) {
			join.apply(resolved).subscribe(subscriber);
			return subscriber.take();
		}
		List<Sinks.One<Integer>> sinks = new ArrayList<>(children);
		List<Mono<Integer>> monos = new ArrayList<>(children);
		for (int i = 0; i < children; i++) {
			Sinks.One<Integer> sink = Sinks.one();
			sinks.add(sink);
			monos.add(sink.asMono());
		}
		join.apply(monos).subscribe(subscriber);
		for (int i = 0; i < children; i++) {
			sinks.get(i).tryEmitValue(i & 127);
		}
		return subscriber.take();
	}

	/** {@code CompletableFuture.allOf}, then the values joined into a list. */
	@Benchmark
	@SuppressWarnings("unchecked")
	public Object completableFuture() {
		CompletableFuture<Integer>[] futures;
		if (input.equals("resolved")) {
			futures = resolvedFutures;
		} else {
			futures = new CompletableFuture[children];
			for (int i = 0; i < children; i++) {
				futures[i] = new CompletableFuture<>();
			}
		}
		CompletableFuture<Integer>[] all = futures;
		CompletableFuture<List<Integer>> list = CompletableFuture.allOf(all).thenApply(ignored -> {
			List<Integer> values = new ArrayList<>(all.length);
			for (CompletableFuture<Integer> f : all) {
				values.add(f.join());
			}
			return values;
		});
		if (futures != resolvedFutures) {
			for (int i = 0; i < children; i++) {
				futures[i].complete(i & 127);
			}
		}
		return list.join();
	}

	/** reactor-eager: {@code Eager.gather(children)}. */
	@Benchmark
	public Object eager(EagerSwitch.On on) {
		return eagerGather();
	}

	/** The same code as {@link #eager}, switch off. */
	@Benchmark
	public Object eagerSwitchOff(EagerSwitch.Off off) {
		return eagerGather();
	}

	private Object eagerGather() {
		if (input.equals("resolved")) {
			Eager.gather(resolved).subscribe(subscriber);
			return subscriber.take();
		}
		List<EagerSink<Integer>> sinks = new ArrayList<>(children);
		List<Mono<Integer>> monos = new ArrayList<>(children);
		for (int i = 0; i < children; i++) {
			EagerSink<Integer> sink = Eager.sink(NO_CANCEL);
			sinks.add(sink);
			monos.add(sink.asMono());
		}
		Eager.gather(monos).subscribe(subscriber);
		for (int i = 0; i < children; i++) {
			sinks.get(i).tryEmitValue(i & 127);
		}
		return subscriber.take();
	}
}
