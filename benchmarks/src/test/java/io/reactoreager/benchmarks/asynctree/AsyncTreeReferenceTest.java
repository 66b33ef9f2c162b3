package io.reactoreager.benchmarks.asynctree;

import io.reactoreager.EagerPolicy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java port makes the decisions pyperformance's async_tree makes. Expected figures were
 * printed by {@code python3 benchmarks/src/test/python/async_tree_reference.py} (depth 6, 6
 * branches) and {@code ... 3 4} (depth 3, 4 branches), which replays the original's draws through
 * real {@code asyncio.gather}.
 */
class AsyncTreeReferenceTest {

	@ParameterizedTest(name = "{0}")
	@CsvSource({
		"NONE,         55987, 0,     0,     0,     46656",
		"IO,           55987, 46656, 0,     0,     46656",
		"MEMOIZATION,  55987, 4819,  41837, 0,     2359771",
		"CPU_IO_MIXED, 55987, 2432,  20903, 23321, 89044287",
	})
	void plainTreeOfPyperformanceShapeMatchesPython(AsyncTreeWorkload workload, int calls, int io, int hits,
			int cpu, long result) {
		AsyncTreeState state = new AsyncTreeState(workload);
		PlainAsyncTree tree = new PlainAsyncTree(state, AsyncTreeWorkload.DEPTH, AsyncTreeWorkload.BRANCHES);

		assertThat(tree.run()).isEqualTo(result);
		assertThat(state.calls()).isEqualTo(calls);
		assertThat(state.ioCalls()).isEqualTo(io);
		assertThat(state.cacheHits()).isEqualTo(hits);
		assertThat(state.cpuLeaves()).isEqualTo(cpu);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({
		"NONE,         85, 0,  0,  0,  64",
		"IO,           85, 64, 0,  0,  64",
		"MEMOIZATION,  85, 54, 10, 0,  3323",
		"CPU_IO_MIXED, 85, 34, 7,  23, 88778",
	})
	void everyImplementationOfASmallTreeMatchesPython(AsyncTreeWorkload workload, int calls, int io, int hits,
			int cpu, long result) {
		try (AsyncTreeFixture fixture = new AsyncTreeFixture(workload, 3, 4, 50)) {
			String expected = "calls=" + calls + " io=" + io + " hits=" + hits + " cpu=" + cpu;
			assertThat(fixture.future().run()).isEqualTo(result);
			assertThat(fixture.counters()).isEqualTo(expected);
			assertThat(fixture.reactor().run()).isEqualTo(result);
			assertThat(fixture.counters()).isEqualTo(expected);
			assertThat(fixture.flow().run()).isEqualTo(result);
			assertThat(fixture.counters()).isEqualTo(expected);
		}
	}

	@ParameterizedTest(name = "switch on: {0}")
	@ValueSource(booleans = {true, false})
	void eagerTreeWhoseLeavesAreAllResolvedMatchesPython(boolean switchOn) {
		try (AsyncTreeFixture fixture = new AsyncTreeFixture(AsyncTreeWorkload.NONE)) {
			EagerPolicy.setEnabled(switchOn);
			assertThat(fixture.eager().run()).isEqualTo(46656);
			assertThat(fixture.counters()).isEqualTo("calls=55987 io=0 hits=0 cpu=0");
			assertThat(fixture.eager().runGather()).isEqualTo(46656);
			assertThat(fixture.counters()).isEqualTo("calls=55987 io=0 hits=0 cpu=0");
			assertThat(fixture.eager().runGroup()).isEqualTo(46656);
			assertThat(fixture.counters()).isEqualTo("calls=55987 io=0 hits=0 cpu=0");
		} finally {
			EagerPolicy.setEnabled(true);
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({"IO, 64", "MEMOIZATION, 3323", "CPU_IO_MIXED, 88778"})
	void eagerTreeWithPendingLeavesMatchesPython(AsyncTreeWorkload workload, long result) {
		try (AsyncTreeFixture fixture = new AsyncTreeFixture(workload, 3, 4, 50)) {
			assertThat(fixture.eager().run()).isEqualTo(result);
			String counters = fixture.counters();
			assertThat(fixture.eager().runGroup()).isEqualTo(result);
			assertThat(fixture.counters()).isEqualTo(counters);
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({"NONE, 46656", "MEMOIZATION, 2359771"})
	void everyImplementationOfTheFullTreeAgrees(AsyncTreeWorkload workload, long result) {
		try (AsyncTreeFixture fixture = new AsyncTreeFixture(workload)) {
			for (String implementation : List.of("completableFuture", "reactor", "executionFlow")) {
				fixture.verify(implementation);
			}
			if (workload == AsyncTreeWorkload.NONE) {
				for (String implementation : List.of("executionFlowFold", "eager", "eagerGather", "eagerTaskGroup", "eagerSwitchOff")) {
					fixture.verify(implementation);
				}
			}
			else {
				// the when shape: lazy timer leaves under Eager.when, and its switch-off twin Mono.when
				for (String implementation : List.of("eagerWhen", "eagerWhenSwitchOff", "timerFloor")) {
					fixture.verify(implementation);
				}
			}
			assertThat(fixture.plain().run()).isEqualTo(result);
			assertThat(fixture.counters()).startsWith("calls=55987 ");
		}
	}
}
