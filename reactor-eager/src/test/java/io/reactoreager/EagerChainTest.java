package io.reactoreager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.reactoreager.testing.CountingOn;
import io.reactoreager.testing.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.CoreSubscriber;
import reactor.core.Fuseable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

@ExtendWith(CountingOn.class)
class EagerChainTest {

	@Test
	void fluentChainOnResolvedInputRunsAtOnceLikeTransform() {
		AtomicInteger calls = new AtomicInteger();
		Mono<Integer> fluent = Eager.of(Mono.just(3))
				.map(x -> { calls.incrementAndGet(); return x + 1; })
				.filter(x -> x > 0)
				.flatMap(x -> Mono.just(x * 10))
				.defaultIfEmpty(-1)
				.toMono();
		assertThat(calls).hasValue(1);
		assertThat(Eager.isResolved(fluent)).isTrue();
		StepVerifier.create(fluent).expectNext(40).verifyComplete();
	}

	@Test
	void fluentFlatMapOnMonoJustRunsInlineAllocatesNoStepAndCountsOnce() {
		EagerStats.Snapshot before = EagerStats.snapshot();
		Mono<Integer> m = Eager.of(Mono.just(20)).flatMap(x -> Mono.just(x + 1)).map(x -> x * 2).toMono();
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);

		assertThat(Eager.isResolved(m)).isTrue();
		assertThat(m.block()).isEqualTo(42);
		assertThat(delta.count(EagerOperator.FLAT_MAP, EagerStats.Kind.INLINE)).isEqualTo(1);
		assertThat(delta.count(EagerOperator.MAP, EagerStats.Kind.INLINE)).isEqualTo(1);
		assertThat(delta.total(EagerStats.Kind.LAZY_SUBSCRIPTION)).isZero();
	}

	@Test
	void fluentFlatMapOnResolvedEmptyAndErrorPassThrough() {
		AtomicInteger calls = new AtomicInteger();
		StepVerifier.create(Eager.of(Mono.<Integer>empty()).flatMap(x -> Mono.just(calls.incrementAndGet())).toMono())
				.verifyComplete();
		StepVerifier.create(Eager.of(Mono.<Integer>error(new IllegalStateException("boom")))
						.flatMap(x -> Mono.just(calls.incrementAndGet())).toMono())
				.verifyErrorMessage("boom");
		assertThat(calls).hasValue(0);
	}

	@Test
	void fluentFlatMapRecursionPastTheDepthBoundIsTrampolinedNotRecursed() {
		// 200,000 nested flatMaps: without the depth bound this overflows the stack
		StepVerifier.create(countDown(200_000)).expectNext(0).verifyComplete();
	}

	private static Mono<Integer> countDown(int n) {
		return n == 0 ? Mono.just(0) : Eager.of(Mono.just(n)).flatMap(x -> countDown(x - 1)).toMono();
	}

	@Test
	void fluentChainOnPendingInputCompletesWhenTheInputDoes() {
		EagerSink<Integer> sink = Eager.sink(() -> { });
		Mono<String> m = Eager.of(sink.asMono()).map(x -> x * 2).thenReturn("done").toMono();
		assertThat(Eager.isPending(m)).isTrue();
		Schedulers.parallel().schedule(() -> sink.tryEmitValue(1));
		StepVerifier.create(m).expectNext("done").expectComplete().verify(Duration.ofSeconds(5));
	}

	@Test
	void fluentChainOnLazyInputStaysLazy() {
		AtomicInteger runs = new AtomicInteger();
		Mono<Integer> m = Eager.of(Mono.fromCallable(runs::incrementAndGet)).map(x -> x * 10).onErrorReturn(-1).toMono();
		assertThat(runs).hasValue(0);
		StepVerifier.create(m).expectNext(10).verifyComplete();
		StepVerifier.create(m).expectNext(20).verifyComplete();
	}

	@Test
	void fluentChainErrorsAndFallbacks() {
		Mono<Integer> m = Eager.of(Mono.<Integer>error(new IllegalStateException("boom")))
				.doOnError(e -> { })
				.onErrorMap(e -> new IllegalArgumentException(e.getMessage()))
				.onErrorResume(e -> Mono.just(e.getMessage().length()))
				.toMono();
		StepVerifier.create(m).expectNext(4).verifyComplete();
		StepVerifier.create(Eager.of(Mono.<Integer>empty()).switchIfEmpty(Mono.just(9)).then().toMono()).verifyComplete();
	}

	@Test
	void fluentDoOnSuccessGivesWhatTheTransformFormGives() {
		List<Object> fluent = new ArrayList<>();
		List<Object> transform = new ArrayList<>();
		for (Mono<Integer> in : List.of(Mono.just(1), Mono.<Integer>empty(), Mono.<Integer>error(new IllegalStateException("boom")),
				Mono.fromCallable(() -> 2))) {
			Eager.of(in).doOnSuccess(x -> fluent.add(String.valueOf(x))).toMono()
					.onErrorResume(e -> Mono.just(-1)).blockOptional().ifPresent(fluent::add);
			in.transform(Eager.doOnSuccess(x -> transform.add(String.valueOf(x))))
					.onErrorResume(e -> Mono.just(-1)).blockOptional().ifPresent(transform::add);
		}
		assertThat(fluent).isEqualTo(transform).containsExactly("1", 1, "null", -1, "2", 2);
		assertThatNullPointerException().isThrownBy(() -> Eager.of(Mono.just(1)).doOnSuccess(null)).withMessage("onSuccess");
	}

	@Test
	void fluentChainRejectsNullArgumentsNamingThem() {
		EagerChain<Integer> c = Eager.of(Mono.just(1));
		assertThatNullPointerException().isThrownBy(() -> Eager.of(null)).withMessage("mono");
		assertThatNullPointerException().isThrownBy(() -> c.map(null)).withMessage("mapper");
		assertThatNullPointerException().isThrownBy(() -> c.filter(null)).withMessage("predicate");
		assertThatNullPointerException().isThrownBy(() -> c.defaultIfEmpty(null)).withMessage("defaultValue");
		assertThatNullPointerException().isThrownBy(() -> c.transform(null)).withMessage("operator");
	}

	@Test
	void fluentChainRunsTheAssemblyHooksAsTheTransformFormDoes() {
		List<String> transformSeen = new ArrayList<>();
		List<String> fluentSeen = new ArrayList<>();
		List<String>[] seen = new List[] {transformSeen};
		Mono<Integer> lazy = Mono.fromCallable(() -> 1);
		Mono<Integer> resolved = Mono.just(1);
		Hooks.onEachOperator("EagerChainTest", p -> {
			seen[0].add(p.getClass().getSimpleName());
			return p;
		});
		try {
			lazy.transform(Eager.map(x -> x + 1)).transform(Eager.filter(x -> x > 0)).transform(Eager.flatMap(Mono::just));
			resolved.transform(Eager.map(x -> x + 1)).transform(Eager.filter(x -> x > 0)).transform(Eager.flatMap(Mono::just));
			seen[0] = fluentSeen;
			Eager.of(lazy).map(x -> x + 1).filter(x -> x > 0).flatMap(Mono::just).toMono();
			Eager.of(resolved).map(x -> x + 1).filter(x -> x > 0).flatMap(Mono::just).toMono();
		}
		finally {
			Hooks.resetOnEachOperator("EagerChainTest");
		}
		// three lazy chains, then map, filter, flatMap's Mono.just and its result on the resolved value
		assertThat(fluentSeen).isEqualTo(transformSeen).hasSize(7);
	}

	@Test
	void fluentChainCarriesTheOperatorDebugAssemblyTraceAsTheTransformFormDoes() {
		Hooks.onOperatorDebug();
		try {
			Mono<Integer> lazy = Mono.fromCallable(() -> 1);
			Throwable viaTransform = errorOf(lazy.transform(Eager.map(x -> x + 1)).transform(Eager.<Integer, Integer>map(x -> { throw new IllegalStateException("x"); })));
			Throwable viaFluent = errorOf(Eager.of(lazy).map(x -> x + 1).<Integer>map(x -> { throw new IllegalStateException("x"); }).toMono());
			assertThat(viaFluent.getSuppressed()).hasSameSizeAs(viaTransform.getSuppressed()).isNotEmpty();
			assertThat(viaFluent.getSuppressed()[0].getMessage()).contains("Assembly trace");
		}
		finally {
			Hooks.resetOnOperatorDebug();
		}
	}

	private static Throwable errorOf(Mono<?> m) {
		Throwable[] error = new Throwable[1];
		StepVerifier.create(m).consumeErrorWith(e -> error[0] = e).verify(Duration.ofSeconds(5));
		return error[0];
	}

	@Test
	void fluentChainHasEveryOperatorOfTheTransformFormWithTheSameSignals() {
		Scheduler single = Schedulers.newSingle("chain");
		try {
			List<String> fluent = Signals.record(Eager.of(Mono.just(2))
					.filterWhen(x -> Mono.just(x > 1))
					.zipWhen(x -> Mono.just(x * 10))
					.map(t -> t.getT1() + t.getT2())
					.zipWhen(x -> Mono.fromCallable(() -> 1), Integer::sum)
					.delayUntil(x -> Mono.empty())
					.publishOn(single)
					.subscribeOn(single)
					.timeout(Duration.ofSeconds(5))
					.timeout(Duration.ofSeconds(5), Mono.just(-1))
					.timeout(Duration.ofSeconds(5), single)
					.timeout(Duration.ofSeconds(5), Mono.just(-1), single));
			List<String> stock = Signals.record(Mono.just(2)
					.filterWhen(x -> Mono.just(x > 1))
					.zipWhen(x -> Mono.just(x * 10))
					.map(t -> t.getT1() + t.getT2())
					.zipWhen(x -> Mono.fromCallable(() -> 1), Integer::sum)
					.delayUntil(x -> Mono.empty())
					.publishOn(single)
					.subscribeOn(single)
					.timeout(Duration.ofSeconds(5))
					.timeout(Duration.ofSeconds(5), Mono.just(-1))
					.timeout(Duration.ofSeconds(5), single)
					.timeout(Duration.ofSeconds(5), Mono.just(-1), single));
			assertThat(fluent).isEqualTo(stock).containsExactly(Signals.onNext(23), Signals.ON_COMPLETE);
		}
		finally {
			single.dispose();
		}
	}

	/** A resolved source that counts how often its value is read. */
	static final class CountingScalar extends Mono<Integer> implements Fuseable.ScalarCallable<Integer> {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public Integer call() {
			calls.incrementAndGet();
			return 1;
		}

		@Override
		public void subscribe(CoreSubscriber<? super Integer> actual) {
			Mono.just(call()).subscribe(actual);
		}
	}

	@Test
	void withTheSwitchOffAFluentStepBuildsItsStockTwinWithoutReadingTheInput() {
		CountingScalar stock = new CountingScalar();
		stock.map(x -> x + 1).filter(x -> x > 0).flatMap(Mono::just).defaultIfEmpty(0);
		CountingScalar fluent = new CountingScalar();
		EagerPolicy.setEnabled(false);
		try {
			Mono<Integer> m = Eager.of(fluent).map(x -> x + 1).filter(x -> x > 0).flatMap(Mono::just).defaultIfEmpty(0).toMono();
			assertThat(fluent.calls).as("reads at assembly, switch off").hasValue(stock.calls.get()).hasValue(0);
			StepVerifier.create(m).expectNext(2).verifyComplete();
		}
		finally {
			EagerPolicy.setEnabled(true);
		}
	}

	@Test
	void aChainIsAPublisherOfItsMono() {
		EagerChain<Integer> chain = Eager.of(Mono.just(1)).map(x -> x + 1);
		StepVerifier.create(chain).expectNext(2).verifyComplete();
		StepVerifier.create(Flux.from(chain)).expectNext(2).verifyComplete();
		EagerChain<Integer> lazy = Eager.of(Mono.fromCallable(() -> 5)).map(x -> x + 1);
		StepVerifier.create(lazy).expectNext(6).verifyComplete();
	}
}
