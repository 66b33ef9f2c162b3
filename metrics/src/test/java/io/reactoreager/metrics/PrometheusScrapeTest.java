package io.reactoreager.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.reactoreager.Eager;
import io.reactoreager.EagerPolicy;
import io.reactoreager.metrics.testing.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters as Prometheus sees them: the scrape text (exposition format) is parsed into samples
 * and checked for the Prometheus names, the tags, the values; and every metric name the Grafana
 * dashboard queries is one the scrape exports.
 */
class PrometheusScrapeTest {

	/** {@code name{labels} value}; labels as {@code k="v"} pairs. */
	static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
	static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	record Sample(String name, Map<String, String> labels, double value) {
	}

	@AfterEach
	void switchBackOn() {
		EagerPolicy.setEnabled(true);
	}

	static Map<String, Map<Map<String, String>, Double>> parse(String text) {
		Map<String, Map<Map<String, String>, Double>> samples = new HashMap<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher m = SAMPLE.matcher(line.trim());
			assertThat(m.matches()).as("exposition line %s", line).isTrue();
			Map<String, String> labels = new LinkedHashMap<>();
			if (m.group(2) != null) {
				Matcher l = LABEL.matcher(m.group(2));
				while (l.find()) {
					labels.put(l.group(1), l.group(2));
				}
			}
			samples.computeIfAbsent(m.group(1), k -> new HashMap<>()).put(labels, Double.parseDouble(m.group(3)));
		}
		return samples;
	}

	static double value(Map<String, Map<Map<String, String>, Double>> samples, String name, String operator) {
		Map<Map<String, String>, Double> series = samples.get(name);
		assertThat(series).as("metric %s in the scrape", name).isNotNull();
		return series.entrySet().stream()
				.filter(e -> operator.equals(e.getKey().get("operator")) && "test".equals(e.getKey().get("app")))
				.mapToDouble(Map.Entry::getValue)
				.findFirst()
				.orElseThrow(() -> new AssertionError(name + "{operator=\"" + operator + "\"} not in the scrape"));
	}

	static double step(Map<String, Map<Map<String, String>, Double>> samples, String operator, String outcome) {
		Map<Map<String, String>, Double> series = samples.get("reactor_eager_steps_total");
		assertThat(series).as("reactor_eager_steps_total in the scrape").isNotNull();
		Double v = series.get(Map.of("app", "test", "operator", operator, "outcome", outcome));
		assertThat(v).as("reactor_eager_steps_total{operator=\"%s\", outcome=\"%s\"}", operator, outcome).isNotNull();
		return v;
	}

	@Test
	void scrapeExposesTheCountersUnderTheirPrometheusNames() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		new EagerMetrics(Tags.of("app", "test")).bindTo(registry);

		var before = parse(registry.scrape());
		for (int i = 0; i < 3; i++) {
			Mono.just(i).transform(Eager.map(x -> x + 1)).subscribe(new Sink());
		}
		var after = parse(registry.scrape());

		assertThat(step(after, "map", "inline") - step(before, "map", "inline")).isEqualTo(3.0);
		for (String outcome : new String[] {"suspended", "lazy", "deferred", "yielded"}) {
			assertThat(step(after, "map", outcome)).as(outcome).isGreaterThanOrEqualTo(0);
		}
		assertThat(value(after, "reactor_eager_fused_children_total", "gather")).isGreaterThanOrEqualTo(0);
		if (AllocationTable.load().matchesRunningJvm()) {
			assertThat(value(after, "reactor_eager_allocation_avoided_bytes_total", "map")
					- value(before, "reactor_eager_allocation_avoided_bytes_total", "map"))
					.isEqualTo(3 * AllocationTable.load().bytes(io.reactoreager.EagerOperator.MAP));
			assertThat(value(after, "reactor_eager_allocation_avoided_objects_total", "map")).isGreaterThanOrEqualTo(0);
			assertThat(after.keySet()).as("one Prometheus name per concept").containsExactlyInAnyOrder(
					"reactor_eager_steps_total", "reactor_eager_fused_children_total", "reactor_eager_allocation_avoided_bytes_total",
					"reactor_eager_allocation_avoided_objects_total", "reactor_eager_enabled");
		}
		else {
			assertThat(after.keySet()).as("one Prometheus name per concept").containsExactlyInAnyOrder(
					"reactor_eager_steps_total", "reactor_eager_fused_children_total", "reactor_eager_enabled");
		}
		assertThat(after.get("reactor_eager_enabled")).containsEntry(Map.of("app", "test"), 1.0);
		EagerPolicy.setEnabled(false);
		assertThat(parse(registry.scrape()).get("reactor_eager_enabled")).containsEntry(Map.of("app", "test"), 0.0);
	}

	@Test
	void everyMetricTheDashboardQueriesIsExported() throws IOException {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		// the dashboard has the allocation panels: check them on any JVM layout
		new EagerMetrics(Tags.empty(), AllocationTableTest.reportingTable(true)).bindTo(registry);
		Set<String> exported = parse(registry.scrape()).keySet();

		String dashboard = Files.readString(Path.of("..", "docs", "dashboards", "reactor-eager.json"));
		Matcher names = Pattern.compile("reactor_eager_[a-z_]+").matcher(dashboard);
		Set<String> queried = new HashSet<>();
		while (names.find()) {
			queried.add(names.group());
		}
		assertThat(queried).isNotEmpty();
		assertThat(exported).containsAll(queried);

		Set<String> outcomes = new HashSet<>();
		parse(registry.scrape()).get("reactor_eager_steps_total").keySet().forEach(l -> outcomes.add(l.get("outcome")));
		Matcher selected = Pattern.compile("outcome=~?\\\\\"([a-z|]+)\\\\\"").matcher(dashboard);
		int selectors = 0;
		while (selected.find()) {
			assertThat(outcomes).as("outcomes the dashboard selects").contains(selected.group(1).split("\\|"));
			selectors++;
		}
		assertThat(selectors).isPositive();
	}
}
