package io.reactoreager.examples.gettingstarted;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactoreager.metrics.EagerMetrics;

/** Binds the eager operators' meters to a Micrometer registry and lists them after some work. */
public final class MetricsSetup {

	private MetricsSetup() {
	}

	public static void main(String[] args) {
		MeterRegistry registry = new SimpleMeterRegistry();
		// tag::bind[]
		new EagerMetrics(Tags.of("app", "catalogue")).bindTo(registry);
		// end::bind[]

		FirstPipeline catalogue = new FirstPipeline();
		catalogue.label("p1").block();
		catalogue.label("p1").block();
		registry.getMeters().stream()
				.filter(m -> m.getId().getName().startsWith("reactor.eager"))
				.filter(m -> m.measure().iterator().next().getValue() > 0)
				.map(m -> m.getId().getName() + m.getId().getTags() + " = " + m.measure().iterator().next().getValue())
				.sorted()
				.forEach(System.out::println);
	}
}
