package io.reactoreager.examples.gettingstarted;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactoreager.examples.gettingstarted.testing.StdoutCapture;
import org.junit.jupiter.api.Test;

/** Runs each example of docs/getting-started.md and checks what it prints. */
class ExamplesTest {

	private static final String[] NO_ARGS = new String[0];

	@Test
	void firstPipelineRunsItsStepsInlineOnACacheHit() throws Exception {
		String out = StdoutCapture.of(() -> FirstPipeline.main(NO_ARGS));

		assertThat(out.lines()).containsExactly(
				"Product p1 (19.99)",
				"unknown product",
				"resolved before subscribing: true",
				"Product p1 (19.99)",
				"EagerStats{map.inline=1, defaultIfEmpty.inline=1}");
	}

	@Test
	void fluentChainGivesTheTransformChainsLabels() throws Exception {
		String out = StdoutCapture.of(() -> FluentChain.main(NO_ARGS));

		assertThat(out.lines()).containsExactly("Product p1 (19.99)", "Product p1 (19.99)", "unknown product");
	}

	@Test
	void fluxLookupKeepsSourceOrderAndLeavesOutUnknownIds() throws Exception {
		String out = StdoutCapture.of(() -> FluxLookup.main(NO_ARGS));

		assertThat(out.lines()).containsExactly("[Product[id=p1, name=Product p1, priceCents=1999], "
				+ "Product[id=p2, name=Product p2, priceCents=1999], Product[id=p3, name=Product p3, priceCents=1999]]");
	}

	@Test
	void taskGroupJoinsItsChildrenAndFailsFast() throws Exception {
		String out = StdoutCapture.of(() -> TaskGroupDetails.main(NO_ARGS));

		assertThat(out.lines()).containsExactly("Details[stock=7, priceCents=1999, reviews=4.5 stars]",
				"p13: no details (reviews unavailable; stock and price were cancelled)");
	}

	@Test
	void metricsSetupBindsTheEagerMeters() throws Exception {
		String out = StdoutCapture.of(() -> MetricsSetup.main(NO_ARGS));

		assertThat(out).contains("reactor.eager").contains("app=catalogue").contains("operator=map");
	}
}
