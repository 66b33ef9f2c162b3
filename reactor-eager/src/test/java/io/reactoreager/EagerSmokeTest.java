package io.reactoreager;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class EagerSmokeTest {

	@Test
	void resolvedChainRunsAtAssembly() {
		AtomicInteger calls = new AtomicInteger();
		Mono<Integer> m = Mono.just(1)
				.transform(Eager.map(x -> { calls.incrementAndGet(); return x + 1; }))
				.transform(Eager.filter(x -> x > 1))
				.transform(Eager.flatMap(x -> Mono.just(x * 10)))
				.transform(Eager.defaultIfEmpty(-1));
		assertThat(calls).hasValue(1);
		assertThat(Eager.isResolved(m)).isTrue();
		StepVerifier.create(m).expectNext(20).verifyComplete();
		StepVerifier.create(m).expectNext(20).verifyComplete();
		assertThat(calls).hasValue(1);
	}

	@Test
	void pendingChainCompletesLater() {
		EagerSink<Integer> sink = Eager.sink(() -> { });
		Mono<Integer> m = sink.asMono().transform(Eager.map(x -> x + 1)).transform(Eager.flatMap(x -> Mono.just(x).delayElement(Duration.ofMillis(5))));
		assertThat(Eager.isPending(m)).isTrue();
		Schedulers.parallel().schedule(() -> sink.tryEmitValue(41));
		StepVerifier.create(m).expectNext(42).expectComplete().verify(Duration.ofSeconds(5));
	}

	@Test
	void lazyChainStaysLazy() {
		AtomicInteger subs = new AtomicInteger();
		Mono<Integer> lazy = Mono.fromCallable(subs::incrementAndGet);
		Mono<Integer> m = lazy.transform(Eager.map(x -> x * 2)).transform(Eager.filter(x -> x > 0));
		assertThat(subs).hasValue(0);
		StepVerifier.create(m).expectNext(2).verifyComplete();
		StepVerifier.create(m).expectNext(4).verifyComplete();
	}

	@Test
	void gatherKeepsOrder() {
		EagerSink<Integer> s1 = Eager.sink(() -> { });
		Mono<List<Integer>> g = Eager.gather(List.of(s1.asMono(), Mono.just(2), Mono.empty(), Mono.just(4)));
		s1.tryEmitValue(1);
		StepVerifier.create(g).expectNext(List.of(1, 2, 4)).verifyComplete();
	}
}
