package io.reactoreager.examples.netty;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.reactoreager.metrics.EagerMetrics;

/** Binds the eager operators' meters ({@code reactor.eager.*}) to the service's registry. */
final class MetricsBinding {

	private MetricsBinding() {
	}

	static void bind(MeterRegistry registry) {
		new EagerMetrics(Tags.of("app", "catalogue")).bindTo(registry);
	}
}
