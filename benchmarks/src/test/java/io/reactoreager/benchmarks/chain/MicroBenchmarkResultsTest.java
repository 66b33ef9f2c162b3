package io.reactoreager.benchmarks.chain;

import io.reactoreager.EagerPolicy;
import io.reactoreager.benchmarks.EagerSwitch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every variant of a micro benchmark computes the same result, with the switch on and off. */
class MicroBenchmarkResultsTest {

	@AfterEach
	void switchBackOn() {
		EagerPolicy.setEnabled(true);
	}

	@Test
	void fiveStepChainVariantsAgree() {
		FiveStepChainBenchmark bench = new FiveStepChainBenchmark();
		assertThat(bench.plain()).isEqualTo(15);
		assertThat(bench.completableFuture()).isEqualTo(15);
		assertThat(bench.reactor()).isEqualTo(15);
		assertThat(bench.eager(new EagerSwitch.On())).isEqualTo(15);
		assertThat(bench.eagerPrebuilt(new EagerSwitch.On())).isEqualTo(15);
		EagerPolicy.setEnabled(false);
		assertThat(bench.eagerSwitchOff(new EagerSwitch.Off())).isEqualTo(15);
	}

	@ParameterizedTest(name = "{1} chain of {0}")
	@CsvSource({"1, resolved", "5, pending", "20, lazy", "20, pending"})
	void chainVariantsAgree(int length, String input) {
		ChainBenchmark bench = new ChainBenchmark();
		bench.length = length;
		bench.input = input;
		assertThat(bench.reactor()).isEqualTo(3 + length);
		assertThat(bench.eager(new EagerSwitch.On())).isEqualTo(3 + length);
		EagerPolicy.setEnabled(false);
		assertThat(bench.eagerSwitchOff(new EagerSwitch.Off())).isEqualTo(3 + length);
	}

	@ParameterizedTest(name = "{1} gather of {0}")
	@CsvSource({"2, resolved", "10, pending", "100, resolved", "100, pending"})
	void gatherVariantsAgree(int children, String input) {
		GatherBenchmark bench = new GatherBenchmark();
		bench.children = children;
		bench.input = input;
		bench.setUp();
		List<Integer> expected = IntStream.range(0, children).boxed().collect(Collectors.toList());
		assertThat(bench.reactor()).isEqualTo(expected);
		assertThat(bench.reactorZip()).isEqualTo(expected);
		assertThat(bench.completableFuture()).isEqualTo(expected);
		assertThat(bench.eager(new EagerSwitch.On())).isEqualTo(expected);
		EagerPolicy.setEnabled(false);
		assertThat(bench.eagerSwitchOff(new EagerSwitch.Off())).isEqualTo(expected);
	}

	@ParameterizedTest(name = "chain of {0}")
	@CsvSource({"1, 8", "5, 10", "50, 40"})
	void stepCostSweepVariantsAgree(int steps, int expected) {
		StepCostSweepBenchmark bench = new StepCostSweepBenchmark();
		bench.steps = steps;
		assertThat(bench.plain()).isEqualTo(expected);
		assertThat(bench.completableFuture()).isEqualTo(expected);
		assertThat(bench.executionFlow()).isEqualTo(expected);
		assertThat(bench.reactor()).isEqualTo(expected);
		assertThat(bench.reactorSubscribed()).isEqualTo(expected);
		assertThat(bench.eager(new EagerSwitch.On())).isEqualTo(expected);
		assertThat(bench.eagerSubscribed(new EagerSwitch.On())).isEqualTo(expected);
		assertThat(bench.eagerFluent(new EagerSwitch.On())).isEqualTo(expected);
		assertThat(bench.eagerFluentSubscribed(new EagerSwitch.On())).isEqualTo(expected);
		EagerPolicy.setEnabled(false);
		assertThat(bench.eagerSwitchOff(new EagerSwitch.Off())).isEqualTo(expected);
	}

	@Test
	void fluxFlatMapVariantsAgree() {
		FluxFlatMapBenchmark bench = new FluxFlatMapBenchmark();
		long expected = 999L * 1000 / 2;
		assertThat(bench.reactor()).isEqualTo(expected);
		assertThat(bench.eager(new EagerSwitch.On())).isEqualTo(expected);
		assertThat(bench.eager(new EagerSwitch.On())).isEqualTo(expected);
		EagerPolicy.setEnabled(false);
		assertThat(bench.eagerSwitchOff(new EagerSwitch.Off())).isEqualTo(expected);
	}
}
