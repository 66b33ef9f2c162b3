package io.reactoreager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.reactoreager.testing.FluxOp;
import io.reactoreager.testing.SignalRecorder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pending inners completed concurrently from several threads while downstream requests from yet
 * another: every value arrives exactly once, within demand, never concurrently (the recorder
 * flags a protocol violation), in source order for concatMap and flatMapSequential.
 */
class EagerFluxConcurrencyTest {

	static final int N = 2_000;

	@ParameterizedTest
	@EnumSource(FluxOp.class)
	void pendingInnersCompletedConcurrentlyAreEachEmittedOnceWithinDemand(FluxOp op) throws Exception {
		List<EagerSink<Integer>> sinks = new ArrayList<>();
		for (int i = 0; i < N; i++) {
			sinks.add(Eager.sink(() -> { }));
		}
		SignalRecorder<Integer> r = new SignalRecorder<>();
		op.eager(Flux.range(0, N), i -> i % 4 == 0 ? Mono.just(i) : i % 4 == 1 ? Mono.just(i).map(x -> x) : sinks.get(i).asMono(), 64)
				.subscribe(r);
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			CountDownLatch start = new CountDownLatch(1);
			for (int t = 0; t < 2; t++) {
				int offset = t;
				pool.submit(() -> {
					start.await();
					for (int i = N - 1 - offset; i >= 0; i -= 2) {
						sinks.get(i).tryEmitValue(i);
					}
					return null;
				});
			}
			pool.submit(() -> {
				start.await();
				for (int i = 0; i < N; i += 7) {
					r.request(7);
				}
				return null;
			});
			start.countDown();
			await().atMost(Duration.ofSeconds(30)).until(r::isTerminated);
		}
		finally {
			pool.shutdownNow();
			assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		List<String> signals = r.signals();
		assertThat(signals).noneMatch(s -> s.startsWith("VIOLATION"));
		assertThat(signals.get(signals.size() - 1)).isEqualTo("complete");
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < N; i++) {
			expected.add("next(" + i + ")");
		}
		List<String> values = signals.subList(0, signals.size() - 1);
		if (op.interleaves) {
			assertThat(values).containsExactlyInAnyOrderElementsOf(expected);
		}
		else {
			assertThat(values).containsExactlyElementsOf(expected);
		}
	}
}
