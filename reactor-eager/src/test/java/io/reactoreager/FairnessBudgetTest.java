package io.reactoreager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.reactoreager.spi.EagerLoops;
import io.reactoreager.testing.CountingOn;
import io.reactoreager.testing.ManualLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(CountingOn.class)
class FairnessBudgetTest {

	static final int CHAIN = 1000;

	ManualLoop loop;
	int savedBudget;

	@BeforeEach
	void setUp() {
		savedBudget = EagerPolicy.budget();
		loop = new ManualLoop().install();
	}

	@AfterEach
	void tearDown() {
		ManualLoop.uninstall();
		EagerPolicy.setBudget(savedBudget);
		EagerLoops.resetBudget();
	}

	/**
	 * A pending value with a chain of {@code n} eager maps behind it: completing it resumes the
	 * chain one continuation after another. Each map records which loop visit it ran in.
	 */
	static Mono<Integer> chain(Mono<Integer> source, int n, ManualLoop loop, List<Integer> visitOfStep) {
		Mono<Integer> m = source;
		for (int i = 0; i < n; i++) {
			m = m.transform(Eager.map(x -> {
				visitOfStep.add(loop.visits());
				return x + 1;
			}));
		}
		return m;
	}

	@Test
	void withBudgetNAtMostNInlineCompletionsRunBetweenLoopVisits() {
		for (int budget : new int[] {1, 8, 64, 100}) {
			EagerPolicy.setBudget(budget);
			EagerSink<Integer> sink = Eager.sink(() -> { });
			List<Integer> visitOfStep = new ArrayList<>();
			Mono<Integer> end = chain(sink.asMono(), CHAIN, loop, visitOfStep);
			loop.execute(() -> sink.tryEmitValue(0));
			int before = loop.visits();
			loop.runAll();

			assertThat(visitOfStep).hasSize(CHAIN);
			assertThat(end.block()).isEqualTo(CHAIN);
			int[] perVisit = new int[loop.visits() - before + 1];
			for (int v : visitOfStep) {
				perVisit[v - before]++;
			}
			int max = 0;
			for (int c : perVisit) {
				assertThat(c).as("inline completions in one loop visit, budget %d", budget).isLessThanOrEqualTo(budget);
				max = Math.max(max, c);
			}
			// the budget is used up, not merely respected: every visit but the last runs exactly N
			assertThat(max).isEqualTo(budget);
			assertThat(loop.visits() - before).isEqualTo((CHAIN + budget - 1) / budget);
		}
	}

	@Test
	void unboundedBudgetStarvesCompetingTaskUntilTheWholeChainRan() {
		EagerPolicy.setBudget(Integer.MAX_VALUE);
		EagerSink<Integer> sink = Eager.sink(() -> { });
		List<Integer> visitOfStep = new ArrayList<>();
		chain(sink.asMono(), CHAIN, loop, visitOfStep);
		AtomicInteger stepsBeforeCompetitor = new AtomicInteger(-1);
		loop.execute(() -> sink.tryEmitValue(0));
		loop.execute(() -> stepsBeforeCompetitor.set(visitOfStep.size()));
		long yields = EagerStats.total(EagerStats.Kind.BUDGET_YIELD);
		loop.runAll();

		assertThat(stepsBeforeCompetitor).hasValue(CHAIN);
		assertThat(EagerStats.total(EagerStats.Kind.BUDGET_YIELD) - yields).isZero();
	}

	@Test
	void boundedBudgetLetsCompetingTaskRunAfterNCompletions() {
		EagerPolicy.setBudget(16);
		EagerSink<Integer> sink = Eager.sink(() -> { });
		List<Integer> visitOfStep = new ArrayList<>();
		chain(sink.asMono(), CHAIN, loop, visitOfStep);
		AtomicInteger stepsBeforeCompetitor = new AtomicInteger(-1);
		loop.execute(() -> sink.tryEmitValue(0));
		loop.execute(() -> stepsBeforeCompetitor.set(visitOfStep.size()));
		loop.runAll();

		assertThat(stepsBeforeCompetitor).hasValue(16);
		assertThat(visitOfStep).hasSize(CHAIN);
	}

	@Test
	void budgetYieldsAreCountedOncePerYieldedContinuation() {
		EagerPolicy.setBudget(10);
		EagerSink<Integer> sink = Eager.sink(() -> { });
		chain(sink.asMono(), 100, loop, new ArrayList<>());
		loop.execute(() -> sink.tryEmitValue(0));
		EagerStats.Snapshot before = EagerStats.snapshot();
		loop.runAll();
		EagerStats.Snapshot d = EagerStats.snapshot().minus(before);

		// 100 continuations, 10 per visit: visit 1 runs 10 and yields the 11th, ... 9 yields
		assertThat(loop.visits()).isEqualTo(10);
		assertThat(d.count(EagerOperator.MAP, EagerStats.Kind.BUDGET_YIELD)).isEqualTo(9);
		assertThat(d.total(EagerStats.Kind.BUDGET_YIELD)).isEqualTo(9);
	}

	@Test
	void fanOutOfOnePendingKeepsWaiterOrderAcrossYields() {
		EagerPolicy.setBudget(3);
		EagerSink<Integer> sink = Eager.sink(() -> { });
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			int k = i;
			sink.asMono().transform(Eager.doOnNext(x -> order.add(k)));
		}
		loop.execute(() -> sink.tryEmitValue(0));
		loop.runNext();
		assertThat(order).containsExactly(0, 1, 2);
		// the rest went to the loop in one batch task, which itself keeps to the budget
		assertThat(loop.queued()).isEqualTo(1);
		loop.runAll();
		assertThat(order).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
	}

	@Test
	void eagerStartOfLazyWorkYieldsWhenBudgetIsSpent() {
		EagerPolicy.setBudget(2);
		AtomicInteger subscribed = new AtomicInteger();
		List<Mono<Integer>> started = new ArrayList<>();
		EagerStats.Snapshot before = EagerStats.snapshot();
		loop.execute(() -> {
			for (int i = 0; i < 3; i++) {
				started.add(Eager.start(Mono.fromCallable(subscribed::incrementAndGet)));
			}
		});
		loop.runNext();

		assertThat(subscribed).hasValue(2);
		assertThat(Eager.isResolved(started.get(0))).isTrue();
		assertThat(Eager.isResolved(started.get(1))).isTrue();
		assertThat(Eager.isPending(started.get(2))).isTrue();
		assertThat(EagerStats.snapshot().minus(before).count(EagerOperator.START, EagerStats.Kind.BUDGET_YIELD)).isEqualTo(1);

		loop.runAll();
		assertThat(subscribed).hasValue(3);
		assertThat(started.get(2).block()).isEqualTo(3);
	}

	@Test
	void threadWithoutLoopNeverYields() {
		ManualLoop.uninstall();
		EagerPolicy.setBudget(4);
		EagerSink<Integer> sink = Eager.sink(() -> { });
		List<Integer> steps = new ArrayList<>();
		Mono<Integer> end = chain(sink.asMono(), CHAIN, loop, steps);
		long yields = EagerStats.total(EagerStats.Kind.BUDGET_YIELD);
		sink.tryEmitValue(0);

		assertThat(steps).hasSize(CHAIN);
		assertThat(Eager.isResolved(end)).isTrue();
		assertThat(EagerStats.total(EagerStats.Kind.BUDGET_YIELD) - yields).isZero();
	}

	@Test
	void continuationRunsInlineWhenTheLoopRejectsTheYield() {
		EagerPolicy.setBudget(1);
		Executor rejecting = task -> {
			throw new RejectedExecutionException("shut down");
		};
		Thread me = Thread.currentThread();
		EagerLoops.setYieldExecutorResolver(() -> Thread.currentThread() == me ? rejecting : null);
		EagerLoops.resetBudget();
		EagerSink<Integer> sink = Eager.sink(() -> { });
		List<Integer> steps = new ArrayList<>();
		Mono<Integer> end = chain(sink.asMono(), 50, loop, steps);
		sink.tryEmitValue(0);

		assertThat(steps).hasSize(50);
		assertThat(end.block()).isEqualTo(50);
	}

	@Test
	void adapterTryInlineSpendsTheBudgetAndAtLoopTurnResetsIt() {
		EagerPolicy.setBudget(3);
		List<Boolean> decisions = new ArrayList<>();
		long yields = EagerStats.count(EagerOperator.SINK, EagerStats.Kind.BUDGET_YIELD);
		loop.execute(EagerLoops.atLoopTurn(() -> {
			for (int i = 0; i < 5; i++) {
				decisions.add(EagerLoops.tryInline(EagerOperator.SINK));
			}
		}));
		loop.runAll();
		// still spent outside any loop task on this loop thread ...
		decisions.add(EagerLoops.tryInline(EagerOperator.SINK));
		// ... until a task wrapped by atLoopTurn runs (run directly here, not by the ManualLoop)
		EagerLoops.atLoopTurn(() -> decisions.add(EagerLoops.tryInline(EagerOperator.SINK))).run();
		assertThat(decisions).containsExactly(true, true, true, false, false, false, true);
		assertThat(EagerStats.count(EagerOperator.SINK, EagerStats.Kind.BUDGET_YIELD) - yields).isEqualTo(3);
	}

	@Test
	void setBudgetRejectsNonPositive() {
		assertThatThrownBy(() -> EagerPolicy.setBudget(0)).isInstanceOf(IllegalArgumentException.class);
		assertThat(EagerPolicy.parseBudget("max")).isEqualTo(Integer.MAX_VALUE);
		assertThat(EagerPolicy.parseBudget(" 256 ")).isEqualTo(256);
		assertThat(EagerPolicy.parseBudget(null)).isEqualTo(EagerPolicy.DEFAULT_BUDGET);
	}
}
