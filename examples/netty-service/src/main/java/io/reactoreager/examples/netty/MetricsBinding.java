package io.reactoreager.examples.netty;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Binds the eager operators' meters to the registry. TEMPORARY: the {@code reactor-eager-micrometer}
 * module ({@code EagerMetrics}) is not on main yet; until it is, nothing is bound here and the
 * summary says bytes avoided are not reported.
 */
final class MetricsBinding {

	private MetricsBinding() {
	}

	static void bind(MeterRegistry registry) {
		// new io.reactoreager.metrics.EagerMetrics().bindTo(registry) once the module lands
	}
}
