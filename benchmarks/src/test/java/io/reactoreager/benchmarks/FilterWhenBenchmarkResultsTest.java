package io.reactoreager.benchmarks;

import java.util.List;

import io.reactoreager.EagerPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every variant of the #7706 filterWhen benchmark keeps the same entities, in the same order. */
class FilterWhenBenchmarkResultsTest {

	@AfterEach
	void switchBackOn() {
		EagerPolicy.setEnabled(true);
	}

	@Test
	void delayVariantsAgree() throws InterruptedException {
		FilterWhenDelayBenchmark bench = new FilterWhenDelayBenchmark();
		bench.delayMicros = 100;
		bench.setUp();
		try {
			assertThat(bench.shape.suspendMicros).isEqualTo(100);
			List<String> expected = bench.completableFuture();
			assertThat(expected).hasSize(1_438);
			assertThat(bench.reactor()).isEqualTo(expected);
			assertThat(bench.eager(new EagerSwitch.On())).isEqualTo(expected);
			assertThat(bench.eagerWholeBuffer(new EagerSwitch.On())).isEqualTo(expected);
			EagerPolicy.setEnabled(false);
			assertThat(bench.eagerSwitchOff(new EagerSwitch.Off())).isEqualTo(expected);
		}
		finally {
			bench.tearDown();
		}
	}

	@Test
	void filterWhenVariantsAgree() throws InterruptedException {
		FilterWhenBenchmark bench = new FilterWhenBenchmark();
		bench.setUp();
		try {
			List<String> expected = bench.completableFuture();
			// entities whose four predicates are true: neither 7, 11 nor 13 divides the id
			assertThat(expected).hasSize(1_438).startsWith("entity-1", "entity-2");
			assertThat(bench.reactor()).isEqualTo(expected);
			assertThat(bench.eager(new EagerSwitch.On())).isEqualTo(expected);
			assertThat(bench.eagerWholeBuffer(new EagerSwitch.On())).isEqualTo(expected);
			// the all-resolved variants keep the same entities: only the suspensions differ
			assertThat(bench.completableFutureAllResolved()).isEqualTo(expected);
			assertThat(bench.reactorAllResolved()).isEqualTo(expected);
			assertThat(bench.eagerAllResolved(new EagerSwitch.On())).isEqualTo(expected);
			assertThat(bench.reactorSyncFloorAllResolved()).isEqualTo(expected);
			assertThat(bench.eagerJust(new EagerSwitch.On())).isEqualTo(expected);
			assertThat(bench.eagerJustWholeBuffer(new EagerSwitch.On())).isEqualTo(expected);
			assertThat(bench.eagerJustAllResolved(new EagerSwitch.On())).isEqualTo(expected);
			assertThat(bench.plainJavaAllResolved()).isEqualTo(expected);
			EagerSwitch.CountingOff countingOff = new EagerSwitch.CountingOff();
			countingOff.off();
			try {
				assertThat(bench.eagerAllResolvedCountingOff(countingOff)).isEqualTo(expected);
				assertThat(bench.eagerWholeBufferCountingOff(countingOff)).isEqualTo(expected);
				assertThat(bench.eagerJustWholeBufferCountingOff(countingOff)).isEqualTo(expected);
				assertThat(bench.eagerJustAllResolvedCountingOff(countingOff)).isEqualTo(expected);
			}
			finally {
				countingOff.restore();
			}
			EagerPolicy.setEnabled(false);
			assertThat(bench.eagerSwitchOff(new EagerSwitch.Off())).isEqualTo(expected);
			assertThat(bench.eagerAllResolvedSwitchOff(new EagerSwitch.Off())).isEqualTo(expected);
		}
		finally {
			bench.tearDown();
		}
	}
}
