package io.reactoreager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pending children completed on another thread while a join registers its continuations: no
 * completion may be lost (a child that finishes between the join classifying it and registering
 * on it must still count).
 */
class EagerJoinRaceTest {

	static ExecutorService completer;

	@BeforeAll
	static void start() {
		completer = Executors.newSingleThreadExecutor();
	}

	@AfterAll
	static void stop() {
		completer.shutdownNow();
	}

	static List<EagerSink<Integer>> sinksCompletedConcurrently(int n, CountDownLatch go) {
		List<EagerSink<Integer>> sinks = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			sinks.add(Eager.sink(() -> { }));
		}
		completer.execute(() -> {
			try {
				go.await(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			for (int i = 0; i < n; i++) {
				sinks.get(i).tryEmitValue(i);
			}
		});
		return sinks;
	}

	@RepeatedTest(5)
	void zipWhenAndGatherNeverLoseAConcurrentCompletion() {
		for (int round = 0; round < 2_000; round++) {
			int n = 1 + round % 3;
			CountDownLatch go = new CountDownLatch(1);
			List<EagerSink<Integer>> sinks = sinksCompletedConcurrently(n, go);
			List<Mono<Integer>> monos = new ArrayList<>();
			sinks.forEach(s -> monos.add(s.asMono()));
			go.countDown();
			Mono<Integer> zip = Eager.zip(monos, values -> values.length);
			Mono<Void> when = Eager.when(monos);
			Mono<List<Integer>> gather = Eager.gather(monos);

			assertThat(zip.block(Duration.ofSeconds(5))).isEqualTo(n);
			assertThat(when.blockOptional(Duration.ofSeconds(5))).isEmpty();
			assertThat(gather.block(Duration.ofSeconds(5))).hasSize(n);
		}
	}
}
