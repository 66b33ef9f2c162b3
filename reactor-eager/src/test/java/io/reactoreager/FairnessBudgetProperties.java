package io.reactoreager;

import java.util.ArrayList;
import java.util.List;

import io.reactoreager.spi.EagerLoops;
import io.reactoreager.testing.ManualLoop;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget law over random budgets, chain lengths and fan-outs, on a hand-driven loop: no loop
 * visit runs more than N inline completions, every continuation runs exactly once and in order,
 * and the number of visits is the least the budget allows.
 */
class FairnessBudgetProperties {

	@Property(tries = 1000)
	void atMostBudgetCompletionsPerLoopVisitAndNothingLostOrReordered(@ForAll @IntRange(min = 1, max = 70) int budget,
			@ForAll @IntRange(min = 0, max = 300) int chain, @ForAll @IntRange(min = 1, max = 4) int fanOut) {
		int saved = EagerPolicy.budget();
		ManualLoop loop = new ManualLoop().install();
		try {
			EagerPolicy.setBudget(budget);
			EagerSink<Integer> sink = Eager.sink(() -> { });
			List<int[]> runs = new ArrayList<>(); // {branch, step, visit}
			List<Mono<Integer>> ends = new ArrayList<>();
			for (int b = 0; b < fanOut; b++) {
				int branch = b;
				Mono<Integer> m = sink.asMono();
				for (int i = 0; i < chain; i++) {
					int step = i;
					m = m.transform(Eager.map(x -> {
						runs.add(new int[] {branch, step, loop.visits()});
						return x + 1;
					}));
				}
				ends.add(m);
			}
			loop.execute(() -> sink.tryEmitValue(0));
			loop.runAll();

			int total = chain * fanOut;
			assertThat(runs).hasSize(total);
			int[] perVisit = new int[loop.visits() + 1];
			int[] nextStep = new int[fanOut];
			for (int[] r : runs) {
				perVisit[r[2]]++;
				assertThat(r[1]).isEqualTo(nextStep[r[0]]++);
			}
			for (int c : perVisit) {
				assertThat(c).isLessThanOrEqualTo(budget);
			}
			assertThat(loop.visits()).isEqualTo(Math.max(1, (total + budget - 1) / budget));
			for (Mono<Integer> end : ends) {
				assertThat(end.block()).isEqualTo(chain);
			}
		}
		finally {
			ManualLoop.uninstall();
			EagerPolicy.setBudget(saved);
			EagerLoops.resetBudget();
		}
	}
}
