package io.reactoreager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runnable examples of docs/semantics.md: each observable difference from stock Reactor,
 * side by side with the stock behaviour. If one of these fails, the document is wrong.
 */
class SemanticsExamplesTest {

	@AfterEach
	void reset() {
		EagerPolicy.setEnabled(true);
		Hooks.resetOnEachOperator();
	}

	@Test
	void functionOnResolvedInputRunsOnceAtAssembly() {
		AtomicInteger eagerCalls = new AtomicInteger();
		AtomicInteger stockCalls = new AtomicInteger();
		Mono<Integer> eager = Mono.just(1).transform(Eager.map(x -> eagerCalls.incrementAndGet()));
		Mono<Integer> stock = Mono.just(1).map(x -> stockCalls.incrementAndGet());

		assertThat(eagerCalls).hasValue(1); // ran at assembly
		assertThat(stockCalls).hasValue(0); // runs per subscription

		StepVerifier.create(eager).expectNext(1).verifyComplete();
		StepVerifier.create(eager).expectNext(1).verifyComplete();
		StepVerifier.create(stock).expectNext(1).verifyComplete();
		StepVerifier.create(stock).expectNext(2).verifyComplete();
		assertThat(eagerCalls).hasValue(1);
	}

	@Test
	void lazyInputStaysLazyAndSeesTheSubscribersContext() {
		AtomicInteger runs = new AtomicInteger();
		Mono<String> user = Mono.deferContextual(ctx -> {
			runs.incrementAndGet();
			return Mono.just(ctx.getOrDefault("user", "anonymous"));
		});
		Mono<String> greeting = user.transform(Eager.map(name -> "hello " + name));

		assertThat(runs).hasValue(0);
		StepVerifier.create(greeting.contextWrite(Context.of("user", "ada"))).expectNext("hello ada").verifyComplete();
		StepVerifier.create(greeting).expectNext("hello anonymous").verifyComplete();
		assertThat(runs).hasValue(2);
	}

	@Test
	void startIsHotReplaysAndRunsOnce() {
		AtomicInteger runs = new AtomicInteger();
		Mono<Integer> task = Eager.start(Mono.fromCallable(runs::incrementAndGet));

		assertThat(runs).hasValue(1); // started at once, before any subscriber
		StepVerifier.create(task).expectNext(1).verifyComplete();
		StepVerifier.create(task).expectNext(1).verifyComplete();
		assertThat(runs).hasValue(1);
	}

	@Test
	void pendingIsCancelledWhenItsLastObserverCancels() {
		AtomicBoolean cancelled = new AtomicBoolean();
		EagerSink<Integer> sink = Eager.sink(() -> cancelled.set(true));
		Mono<Integer> doubled = sink.asMono().transform(Eager.map(x -> x * 2));

		StepVerifier.create(doubled).thenCancel().verify();
		assertThat(cancelled).isTrue();
		// a late subscriber sees the cancellation, like awaiting a cancelled asyncio Task
		StepVerifier.create(sink.asMono()).expectError(CancellationException.class).verify();
	}

	@Test
	void assemblyHooksDoNotSeeStepsOnResolvedInputs() {
		List<String> assembled = new ArrayList<>();
		Hooks.onEachOperator("record", p -> {
			assembled.add(p.getClass().getSimpleName());
			return p;
		});
		Mono.just(1).transform(Eager.map(x -> x + 1)).transform(Eager.filter(x -> x > 0));
		List<String> eager = new ArrayList<>(assembled);
		assembled.clear();
		Mono.just(1).map(x -> x + 1).filter(x -> x > 0);

		assertThat(eager).noneMatch(name -> name.contains("Map") || name.contains("Filter"));
		assertThat(assembled).anyMatch(name -> name.contains("Map")).anyMatch(name -> name.contains("Filter"));
	}

	@Test
	void discardHookOfTheSubscriberDoesNotSeeValuesFilteredAtAssembly() {
		List<Object> eagerDiscarded = new ArrayList<>();
		List<Object> stockDiscarded = new ArrayList<>();
		Mono<Integer> eager = Mono.just(7).transform(Eager.filter(x -> x > 10));
		Mono<Integer> stock = Mono.just(7).filter(x -> x > 10);

		StepVerifier.create(eager.doOnDiscard(Object.class, eagerDiscarded::add)).verifyComplete();
		StepVerifier.create(stock.doOnDiscard(Object.class, stockDiscarded::add)).verifyComplete();

		assertThat(eagerDiscarded).isEmpty(); // dropped at assembly, before any subscriber existed
		assertThat(stockDiscarded).containsExactly(7);
	}

	@Test
	void switchOffBuildsTheStockOperators() {
		EagerPolicy.setEnabled(false);
		AtomicInteger calls = new AtomicInteger();
		Mono<Integer> m = Mono.just(1).transform(Eager.map(x -> calls.incrementAndGet()));
		assertThat(calls).hasValue(0);
		assertThat(Eager.isResolved(m)).isFalse();
		StepVerifier.create(m).expectNext(1).verifyComplete();
	}

	@Test
	void gatherSkipsEmptyChildrenAndKeepsArgumentOrder() {
		EagerSink<String> slow = Eager.sink(() -> { });
		Mono<List<String>> all = Eager.gather(List.of(slow.asMono(), Mono.empty(), Mono.just("b")));
		slow.tryEmitValue("a");
		StepVerifier.create(all).expectNext(List.of("a", "b")).verifyComplete();
	}
}
