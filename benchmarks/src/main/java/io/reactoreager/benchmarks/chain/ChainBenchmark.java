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
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A chain of {@code length} {@code map(x + 1)} steps on each kind of input, assembled, subscribed
 * and consumed once per operation. It isolates how the per-step cost scales with chain length
 * for each input kind:
 * <ul>
 *   <li>{@code resolved}: {@code Mono.just(v)}, the eager fast path (no subscriber per step);
 *   <li>{@code pending}: a single-assignment value completed after subscription, on the same
 *       thread ({@code Eager.sink} for the eager code, {@code Sinks.one()} for stock);
 *   <li>{@code lazy}: {@code Mono.fromSupplier}, a cold Mono that must stay lazy.
 * </ul>
 * Transform functions are built once ({@code Eager.map(INC)}), so this measures running steps,
 * not creating them (see {@link FiveStepChainBenchmark} for the inline form). Not {@code final}:
 * JMH generates subclasses of its state classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ChainBenchmark {
	private static final Function<Integer, Integer> INC = x -> x + 1;
	private static final Function<Mono<Integer>, Mono<Integer>> EAGER_INC = Eager.map(INC);
	private static final Runnable NO_CANCEL = () -> { };

	@Param({"1", "5", "20"})
	public int length;

	@Param({"resolved", "pending", "lazy"})
	public String input;

	private int value = 3;
	private final Supplier<Integer> supplier = () -> value;
	private final LastValue subscriber = new LastValue();

	/** Stock Reactor: {@code length} x {@code Mono.map}. */
	@Benchmark
	public Object reactor() {
		switch (input) {
			case "resolved":
				stockChain(Mono.just(value)).subscribe(subscriber);
				break;
			case "pending":
				Sinks.One<Integer> sink = Sinks.one();
				stockChain(sink.asMono()).subscribe(subscriber);
				sink.tryEmitValue(value);
				break;
			default:
				stockChain(Mono.fromSupplier(supplier)).subscribe(subscriber);
		}
		return subscriber.take();
	}

	/** reactor-eager: {@code length} x {@code transform(Eager.map(INC))}. */
	@Benchmark
	public Object eager(EagerSwitch.On on) {
		return eagerRun();
	}

	/** The same code as {@link #eager}, switch off. */
	@Benchmark
	public Object eagerSwitchOff(EagerSwitch.Off off) {
		return eagerRun();
	}

	private Object eagerRun() {
		switch (input) {
			case "resolved":
				eagerChain(Mono.just(value)).subscribe(subscriber);
				break;
			case "pending":
				EagerSink<Integer> sink = Eager.sink(NO_CANCEL);
				eagerChain(sink.asMono()).subscribe(subscriber);
				sink.tryEmitValue(value);
				break;
			default:
				eagerChain(Mono.fromSupplier(supplier)).subscribe(subscriber);
		}
		return subscriber.take();
	}

	private Mono<Integer> stockChain(Mono<Integer> source) {
		Mono<Integer> m = source;
		for (int i = 0; i < length; i++) {
			m = m.map(INC);
		}
		return m;
	}

	private Mono<Integer> eagerChain(Mono<Integer> source) {
		Mono<Integer> m = source;
		for (int i = 0; i < length; i++) {
			m = m.transform(EAGER_INC);
		}
		return m;
	}
}
