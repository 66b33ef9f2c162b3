package io.reactoreager;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes allocated by Flux filterWhen over 10,000 values whose tests are resolved (finished eager
 * values, the #7706 shape: predicates computed by eager operators from a cache), measured with the
 * JVM's per-thread allocated-bytes counter after warm-up, eager against stock in the same test.
 */
class FluxEagerFilterWhenAllocationTest {

	static final int N = 10_000;
	static final int WARM_UP = 30;
	static final int RUNS = 5;

	@Test
	void fluxFilterWhenOnResolvedTestsAllocatesAtMostAQuarterOfStock() {
		List<Integer> ids = IntStream.range(0, N).boxed().toList();
		Mono<Boolean>[] verdicts = finishedVerdicts();
		Function<Integer, Mono<Boolean>> test = id -> verdicts[id];
		Flux<Integer> source = Flux.fromIterable(ids);

		long stock = minAllocated(() -> source.filterWhen(test));
		long eager = minAllocated(() -> source.transform(EagerFlux.filterWhen(test)));
		System.out.printf("flux filterWhen, %d finished eager tests: stock %d B, eager %d B (%.1f%%)%n", N, stock, eager, 100.0 * eager / stock);
		// the bound the issue sets: at most a quarter of stock's bytes
		assertThat(eager * 4).isLessThanOrEqualTo(stock);
	}

	@Test
	void fluxFilterWhenOnJustTestsAllocatesNoMoreThanStock() {
		// stock already reads Callable tests (Mono.just) inline: here eager must simply not cost more
		List<Integer> ids = IntStream.range(0, N).boxed().toList();
		Mono<Boolean> yes = Mono.just(true);
		Mono<Boolean> no = Mono.just(false);
		Function<Integer, Mono<Boolean>> test = id -> id % 3 == 0 ? no : yes;
		Flux<Integer> source = Flux.fromIterable(ids);

		long stock = minAllocated(() -> source.filterWhen(test));
		long eager = minAllocated(() -> source.transform(EagerFlux.filterWhen(test)));
		System.out.printf("flux filterWhen, %d Mono.just tests: stock %d B, eager %d B%n", N, stock, eager);
		// margin: 1 KiB for allocation-counter granularity (TLAB accounting)
		assertThat(eager).isLessThanOrEqualTo(stock + 1024);
	}

	@SuppressWarnings("unchecked")
	static Mono<Boolean>[] finishedVerdicts() {
		Mono<Boolean>[] v = new Mono[N];
		for (int i = 0; i < N; i++) {
			EagerSink<Boolean> s = Eager.sink(() -> { });
			s.tryEmitValue(i % 3 != 0);
			v[i] = s.asMono();
		}
		return v;
	}

	static long minAllocated(java.util.function.Supplier<Flux<Integer>> pipeline) {
		com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long sink = 0;
		for (int i = 0; i < WARM_UP; i++) {
			sink += run(pipeline.get());
		}
		long min = Long.MAX_VALUE;
		for (int i = 0; i < RUNS; i++) {
			long before = bean.getCurrentThreadAllocatedBytes();
			sink += run(pipeline.get());
			long after = bean.getCurrentThreadAllocatedBytes();
			min = Math.min(min, after - before);
		}
		assertThat(sink).isPositive();
		return min;
	}

	/** Subscribes with unbounded demand and counts values; allocates one small subscriber. */
	static long run(Flux<Integer> f) {
		long[] count = new long[1];
		f.subscribe(new CoreSubscriber<Integer>() {
			@Override
			public void onSubscribe(Subscription s) {
				s.request(Long.MAX_VALUE);
			}

			@Override
			public void onNext(Integer v) {
				count[0]++;
			}

			@Override
			public void onError(Throwable t) {
				throw new AssertionError(t);
			}

			@Override
			public void onComplete() {
			}
		});
		return count[0];
	}
}
