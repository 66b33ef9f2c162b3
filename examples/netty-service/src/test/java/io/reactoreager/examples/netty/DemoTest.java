package io.reactoreager.examples.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.reactoreager.EagerStats.Kind;

import org.junit.jupiter.api.Test;

/** The README's demo, run to its summary with {@code --exit-after-summary}, its summary, and its arguments. */
class DemoTest {

	@Test
	void demoComparesTheSwitchOffAndOnPrintsTheSummaryAndExits() throws Exception {
		PrintStream original = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			Demo.main(new String[] {"--exit-after-summary", "--duration=1s", "--port=0", "--metrics-port=0", "--concurrency=4"});
		}
		finally {
			System.setOut(original);
		}
		String out = captured.toString(StandardCharsets.UTF_8);

		assertThat(out).as(out).contains("catalogue service on http://127.0.0.1:")
				.contains("warm-up, switch on  [##############################] 100%")
				.contains("warm-up, switch off [##############################] 100%")
				.contains("switch off, round 1 [##############################] 100%")
				.contains("switch on, round 1  [##############################] 100%")
				.contains("switch on, round 2  [##############################] 100%")
				.contains("switch off, round 2 [##############################] 100%")
				.contains("== reactor-eager demo: the same load with the switch off (stock Reactor) and on ==")
				.containsPattern("requests per second +[1-9][0-9,]* +[1-9][0-9,]*\\n")
				.containsPattern("failed +0 +0\\n")
				.containsPattern("service bytes/request +[1-9][0-9,]* B +[1-9][0-9,]* B\\n")
				.containsPattern("  inline +[0-9]+\\.[0-9]{2} +(?!0\\.00)[0-9]+\\.[0-9]{2}\\n")
				.containsPattern("  suspended +[0-9]+\\.[0-9]{2} +(?!0\\.00)[0-9]+\\.[0-9]{2}\\n")
				.containsPattern("  yielded +[0-9]+\\.[0-9]{2} +[0-9]+\\.[0-9]{2}\\n")
				.containsPattern("avoided per request +- +[1-9][0-9,]* B, [0-9.,]+ objects\\n")
				.contains(DemoSummary.LEGEND)
				.doesNotContain("curl")
				.doesNotContain("serving until Ctrl-C");
	}

	@Test
	void summaryIsPerRequestAndListsUrlsOnlyWhenServing() {
		DemoPhase off = new DemoPhase(false, 10, 0, 9, 1, Duration.ofSeconds(1), Map.of(), OptionalLong.of(50_000),
				OptionalLong.of(0), OptionalLong.of(0));
		DemoPhase on = new DemoPhase(true, 12, 1, 11, 1, Duration.ofSeconds(1), Map.of(Kind.INLINE, 30L, Kind.SUSPENDED, 10L),
				OptionalLong.of(24_000), OptionalLong.of(2048), OptionalLong.of(50))
				.plus(new DemoPhase(true, 8, 0, 7, 1, Duration.ofSeconds(1), Map.of(Kind.INLINE, 10L), OptionalLong.of(36_000),
						OptionalLong.of(2048), OptionalLong.of(50)));

		assertThat(off.cacheHitRatio()).isEqualTo(0.9);
		assertThat(on.requestsPerSecond()).isEqualTo(10.0);
		assertThat(on.requests()).isEqualTo(20);
		assertThat(on.eagerInlineRatio()).isEqualTo(0.8);
		assertThat(on.perRequest(Kind.INLINE)).isEqualTo(2.0);
		assertThatThrownBy(() -> on.plus(off)).isInstanceOf(IllegalArgumentException.class);
		String serving = new DemoSummary(off, on, List.of("http://x/")).render();
		assertThat(serving).containsPattern("service bytes/request +5,000 B +3,000 B")
				.containsPattern("avoided per request +- +205 B, 5.0 objects")
				.contains("curl -s http://x/");
		assertThat(new DemoSummary(off, on, List.of()).render()).doesNotContain("curl").doesNotContain("try:");
	}

	@Test
	void optionsParseAndRejectUnknownArguments() {
		DemoOptions o = DemoOptions.parse("--duration=500ms", "--exit-after-summary", "--port=0", "--metrics-port=9999",
				"--metrics-host=0.0.0.0", "--backend=http://127.0.0.1:9000", "--concurrency=2");

		assertThat(o).isEqualTo(new DemoOptions(Duration.ofMillis(500), true, "127.0.0.1", 0, 9999, "0.0.0.0",
				"http://127.0.0.1:9000", 2));
		assertThat(DemoOptions.parse().port()).isEqualTo(8080);
		assertThatThrownBy(() -> DemoOptions.parse("--colour=blue")).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("unknown argument --colour=blue");
		assertThatThrownBy(() -> DemoOptions.parse("--port=70000")).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("port must be in 0..65535");
		assertThatThrownBy(() -> DemoOptions.parse("--duration")).isInstanceOf(IllegalArgumentException.class);
	}
}
