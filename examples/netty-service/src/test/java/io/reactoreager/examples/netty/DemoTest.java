package io.reactoreager.examples.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The README's demo, run to its summary with {@code --exit-after-summary}, and its arguments. */
class DemoTest {

	@Test
	void demoRunsItsLoadPrintsTheSummaryAndExits() throws Exception {
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
		original.print(out);

		assertThat(out).contains("catalogue service on http://127.0.0.1:")
				.contains("load [##############################] 100%")
				.contains("== reactor-eager demo: summary ==")
				.containsPattern("requests +[1-9][0-9,]* in ")
				.contains(", 0 failed")
				.containsPattern("eager inline ratio +[0-9.]+% of eager steps ran inline")
				.containsPattern("suspensions +[1-9]")
				.contains("budget yields")
				.containsPattern("bytes avoided +[1-9][0-9,]* B")
				.contains("curl -s http://127.0.0.1:")
				.doesNotContain("serving until Ctrl-C");
	}

	@Test
	void summaryRatiosComeFromTheCounts() {
		DemoSummary s = new DemoSummary(10, 0, 9, 1, Duration.ofSeconds(1),
				io.reactoreager.EagerStats.snapshot().minus(io.reactoreager.EagerStats.snapshot()),
				java.util.OptionalLong.of(4096), java.util.List.of("http://x/"));

		assertThat(s.cacheHitRatio()).isEqualTo(0.9);
		assertThat(s.eagerInlineRatio()).isZero();
		assertThat(s.render()).contains("9 of 10 lookups (90.0%)").contains("4,096 B").contains("curl -s http://x/");
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
