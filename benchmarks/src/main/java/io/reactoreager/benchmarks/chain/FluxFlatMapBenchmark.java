package io.reactoreager.benchmarks.chain;

import io.reactoreager.Eager;
import io.reactoreager.EagerFlux;
import io.reactoreager.EagerSink;
import io.reactoreager.benchmarks.EagerSwitch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code Flux.range(0, 1000)} flat-mapped to mostly resolved inners: {@code Mono.just(i)}, except
 * every twentieth element, whose inner is a pending single value (50 of 1,000) completed on the
 * benchmark thread once the whole range has been mapped, so those inners really wait. Isolates
 * the per-inner cost of {@code flatMap}: stock subscribes every inner (a subscriber, a
 * subscription and a queue slot each), {@code EagerFlux.flatMap} emits a resolved inner inline
 * with no inner subscription and subscribes only the pending ones.
 * <ul>
 *   <li>{@code reactor}: {@code Flux.flatMap}, pending inners from {@code Sinks.one()};</li>
 *   <li>{@code eager}: {@code transform(EagerFlux.flatMap(..))}, pending inners from
 *       {@code Eager.sink};</li>
 *   <li>{@code eagerSwitchOff}: the same code as {@code eager} with the switch off (stock
 *       {@code flatMap}).</li>
 * </ul>
 * One operation maps the whole range, completes the 50 pending inners and sums the 1,000 values
 * (499,500). Not {@code final}: JMH generates subclasses of its state classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FluxFlatMapBenchmark {
	static final int SIZE = 1000;
	static final int PENDING_EVERY = 20;
	private static final Runnable NO_CANCEL = () -> { };

	private final Sum sum = new Sum();
	@SuppressWarnings("unchecked")
	private final EagerSink<Integer>[] eagerPending = new EagerSink[SIZE / PENDING_EVERY];
	@SuppressWarnings("unchecked")
	private final Sinks.One<Integer>[] stockPending = new Sinks.One[SIZE / PENDING_EVERY];

	private final Function<Flux<Integer>, Flux<Integer>> eagerFlatMap = EagerFlux.flatMap(this::eagerInner);

	private Mono<Integer> eagerInner(Integer i) {
		if (i % PENDING_EVERY != 0) {
			return Mono.just(i);
		}
		EagerSink<Integer> sink = Eager.sink(NO_CANCEL);
		eagerPending[i / PENDING_EVERY] = sink;
		return sink.asMono();
	}

	private Mono<Integer> stockInner(Integer i) {
		if (i % PENDING_EVERY != 0) {
			return Mono.just(i);
		}
		Sinks.One<Integer> sink = Sinks.one();
		stockPending[i / PENDING_EVERY] = sink;
		return sink.asMono();
	}

	/** Stock Reactor: {@code Flux.flatMap}. */
	@Benchmark
	public long reactor() {
		Flux.range(0, SIZE).flatMap(this::stockInner).subscribe(sum);
		for (int k = 0; k < stockPending.length; k++) {
			stockPending[k].tryEmitValue(k * PENDING_EVERY);
			stockPending[k] = null;
		}
		return sum.take();
	}

	/** reactor-eager: {@code transform(EagerFlux.flatMap(..))}. */
	@Benchmark
	public long eager(EagerSwitch.On on) {
		return eagerRun();
	}

	/** The same code as {@link #eager}, switch off: stock {@code flatMap}. */
	@Benchmark
	public long eagerSwitchOff(EagerSwitch.Off off) {
		return eagerRun();
	}

	private long eagerRun() {
		Flux.range(0, SIZE).transform(eagerFlatMap).subscribe(sum);
		for (int k = 0; k < eagerPending.length; k++) {
			eagerPending[k].tryEmitValue(k * PENDING_EVERY);
			eagerPending[k] = null;
		}
		return sum.take();
	}

	/** Requests everything and sums the values; allocates nothing itself. */
	static final class Sum implements CoreSubscriber<Integer> {
		private long total;
		private boolean completed;
		private Throwable error;

		@Override
		public void onSubscribe(Subscription s) {
			s.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(Integer value) {
			total += value;
		}

		@Override
		public void onError(Throwable t) {
			error = t;
		}

		@Override
		public void onComplete() {
			completed = true;
		}

		/** The sum since the last call; throws if the Flux failed or did not complete. */
		long take() {
			if (error != null || !completed) {
				Throwable t = error;
				error = null;
				throw new IllegalStateException("flatMap did not complete", t);
			}
			long t = total;
			total = 0;
			completed = false;
			return t;
		}
	}
}
