package io.reactoreager;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.reactoreager.testing.Allocations;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group forked into another group (the task-group shape of a tree of calls), beside the stock
 * tree of {@code Mono.zip} over {@code Mono.defer} that computes the same thing: same signals,
 * cancellation reaching every started child, and what a nested group that finishes at once costs.
 */
class TaskGroupForkedGroupTest {

	/** A leaf: resolved at once ({@code Mono.just}), failed, or pending (completed by the test). */
	interface Leaves {
		Mono<Long> leaf(long index);
	}

	static Mono<Long> groupTree(int level, long index, Leaves leaves) {
		if (level == 0) {
			return leaves.leaf(index);
		}
		return Eager.group(tg -> {
			List<Mono<Long>> children = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				children.add(tg.fork(groupTree(level - 1, index * 3 + i, leaves)));
			}
			return Eager.zip(children, TaskGroupForkedGroupTest::sum);
		});
	}

	static Mono<Long> stockTree(int level, long index, Leaves leaves) {
		if (level == 0) {
			return leaves.leaf(index);
		}
		return Mono.defer(() -> {
			List<Mono<Long>> children = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				children.add(stockTree(level - 1, index * 3 + i, leaves));
			}
			return Mono.zip(children, TaskGroupForkedGroupTest::sum);
		});
	}

	static Long sum(Object[] values) {
		long s = 0;
		for (Object v : values) {
			s += (Long) v;
		}
		return s;
	}

	@Test
	void nestedGroupsFinishingAtOnceDeliverWhatTheStockTreeDelivers() {
		Leaves leaves = i -> Mono.just(i);
		StepVerifier.create(stockTree(3, 0, leaves)).expectNext(351L).verifyComplete();
		StepVerifier.create(groupTree(3, 0, leaves)).expectNext(351L).verifyComplete();
	}

	@Test
	void aLeafFailingInANestedGroupFailsTheTreeAsTheStockTreeFails() {
		IOException boom = new IOException("leaf 13 failed");
		Leaves leaves = i -> i == 13 ? Mono.error(boom) : Mono.just(i);
		StepVerifier.create(stockTree(3, 0, leaves)).expectErrorSatisfies(e -> assertThat(e).isSameAs(boom)).verify();
		StepVerifier.create(groupTree(3, 0, leaves)).expectErrorSatisfies(e -> assertThat(e).isSameAs(boom)).verify();
	}

	@Test
	void aForkedGroupThatFinishesAtOnceIsResolved() {
		AtomicReference<Mono<String>> forked = new AtomicReference<>();
		Mono<String> g = Eager.group(tg -> {
			forked.set(tg.fork(Eager.group(in -> {
				in.fork(Mono.just("child"));
				return Mono.just("inner");
			})));
			return forked.get();
		});
		StepVerifier.create(g).expectNext("inner").verifyComplete();
		assertThat(Eager.isResolved(forked.get())).isTrue();
		StepVerifier.create(forked.get()).expectNext("inner").verifyComplete();
	}

	@Test
	void nestedGroupsWaitingForLeavesCompleteAsTheStockTreeWhenTheLeavesComplete() {
		List<Sinks.One<Long>> stockLeaves = new ArrayList<>();
		List<EagerSink<Long>> eagerLeaves = new ArrayList<>();
		Mono<Long> stock = stockTree(2, 0, i -> {
			Sinks.One<Long> s = Sinks.one();
			stockLeaves.add(s);
			return s.asMono();
		});
		Mono<Long> eager = groupTree(2, 0, i -> {
			EagerSink<Long> s = Eager.sink(() -> { });
			eagerLeaves.add(s);
			return s.asMono();
		});
		StepVerifier.create(stock)
				.then(() -> {
					for (int i = 0; i < stockLeaves.size(); i++) {
						long v = i;
						Sinks.One<Long> s = stockLeaves.get(i);
						Schedulers.parallel().schedule(() -> s.tryEmitValue(v));
					}
				})
				.expectNext(36L)
				.expectComplete()
				.verify(Duration.ofSeconds(10));
		StepVerifier.create(eager)
				.then(() -> {
					for (int i = 0; i < eagerLeaves.size(); i++) {
						long v = i;
						EagerSink<Long> s = eagerLeaves.get(i);
						Schedulers.parallel().schedule(() -> s.tryEmitValue(v));
					}
				})
				.expectNext(36L)
				.expectComplete()
				.verify(Duration.ofSeconds(10));
	}

	@Test
	void cancellingTheTreeCancelsEveryPendingLeafOfEveryNestedGroupAsTheStockTreeDoes() {
		AtomicInteger stockCancels = new AtomicInteger();
		AtomicInteger stockStarted = new AtomicInteger();
		Disposable stock = stockTree(2, 0, i -> Mono.<Long>never()
				.doOnSubscribe(s -> stockStarted.incrementAndGet())
				.doOnCancel(stockCancels::incrementAndGet)).subscribe();
		stock.dispose();
		assertThat(stockStarted).hasValue(9);
		assertThat(stockCancels).hasValue(9);

		AtomicInteger eagerCancels = new AtomicInteger();
		Disposable eager = groupTree(2, 0, i -> Eager.<Long>sink(eagerCancels::incrementAndGet).asMono()).subscribe();
		eager.dispose();
		assertThat(eagerCancels).hasValue(9);
	}

	@Test
	void aFailingLeafCancelsThePendingLeavesOfEveryNestedGroupAsTheStockTreeDoes() {
		IOException boom = new IOException("leaf 8 failed");
		AtomicInteger stockCancels = new AtomicInteger();
		Sinks.One<Long> stockTrigger = Sinks.one();
		Mono<Long> stock = stockTree(2, 0, i -> i == 8 ? stockTrigger.asMono()
				: Mono.<Long>never().doOnCancel(stockCancels::incrementAndGet));
		StepVerifier.create(stock)
				.then(() -> stockTrigger.tryEmitError(boom))
				.expectErrorSatisfies(e -> assertThat(e).isSameAs(boom))
				.verify(Duration.ofSeconds(5));
		assertThat(stockCancels).hasValue(8);

		AtomicInteger eagerCancels = new AtomicInteger();
		EagerSink<Long> eagerTrigger = Eager.sink(() -> { });
		Mono<Long> eager = groupTree(2, 0, i -> i == 8 ? eagerTrigger.asMono()
				: Eager.<Long>sink(eagerCancels::incrementAndGet).asMono());
		StepVerifier.create(eager)
				.then(() -> eagerTrigger.tryEmitError(boom))
				.expectErrorSatisfies(e -> assertThat(e).isSameAs(boom))
				.verify(Duration.ofSeconds(5));
		assertThat(eagerCancels).hasValue(8);
	}

	@Test
	void finishedChildrenDoNotAccumulateInALongLivedGroup() {
		int n = 10_000;
		List<EagerSink<Integer>> live = new ArrayList<>();
		AtomicReference<TaskGroupRun<?>> run = new AtomicReference<>();
		Disposable d = Eager.group(tg -> {
			run.set((TaskGroupRun<?>) tg);
			for (int i = 0; i < n; i++) {
				EagerSink<Integer> done = Eager.sink(() -> { });
				EagerSink<Integer> keep = Eager.sink(() -> { });
				tg.fork(done.asMono());
				tg.fork(keep.asMono());
				live.add(keep);
				// finishes under a running sibling: only a prune unlinks its entry
				done.tryEmitValue(i);
			}
			return Mono.just(n);
		}).subscribe();
		assertThat(run.get().registeredChildren()).isEqualTo(n);
		assertThat(run.get().linkedEntries()).isLessThanOrEqualTo(n + TaskGroupChildren.PRUNE_EVERY + 1);
		for (EagerSink<Integer> s : live) {
			s.tryEmitValue(0);
		}
		assertThat(run.get().registeredChildren()).isZero();
		d.dispose();
	}

	static final Mono<Integer> RESOLVED_ONE = Eager.fromCallable(() -> 1);
	static final Mono<Integer> NESTED = Eager.group(in -> RESOLVED_ONE);

	/**
	 * A nested group whose body finishes at once costs its run and nothing else: no pending value,
	 * no subscriber, no Subscription (the run is 64 bytes with compressed oops; the bound leaves
	 * 16 bytes of margin for other object layouts). Subscribing it, as a fork did before, cost 160 bytes.
	 */
	@Test
	void forkingANestedGroupThatFinishesAtOnceAllocatesOnlyItsRun() {
		AtomicReference<TaskGroup> outer = new AtomicReference<>();
		Disposable d = Eager.group(tg -> {
			outer.set(tg);
			return tg.fork(Eager.sink(() -> { }).asMono());
		}).subscribe();
		TaskGroup tg = outer.get();
		double bytes = Allocations.bytesPerCall(200_000, 100_000, i -> tg.fork(NESTED));
		d.dispose();
		assertThat(bytes).as("bytes per fork of a nested group finishing at once").isLessThanOrEqualTo(80);
	}
}
