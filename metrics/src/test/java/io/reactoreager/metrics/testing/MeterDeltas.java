package io.reactoreager.metrics.testing;

import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Reads every {@link FunctionCounter} of a registry, keyed {@code name{operator}} or
 * {@code name{operator,outcome}}, so that a test can take the difference over an interval and
 * assert exactly which counters moved.
 */
public final class MeterDeltas {

	private MeterDeltas() {
	}

	/** Current values of every function counter, keyed {@code name{operator}} or {@code name{operator,outcome}}. */
	public static Map<String, Double> read(MeterRegistry registry) {
		Map<String, Double> values = new TreeMap<>();
		for (Meter m : registry.getMeters()) {
			if (m instanceof FunctionCounter c) {
				String outcome = m.getId().getTag("outcome");
				String operator = m.getId().getTag("operator");
				values.put(key(m.getId().getName(), outcome == null ? operator : operator + "," + outcome), c.count());
			}
		}
		return values;
	}

	/** The key of {@code reactor.eager.steps{operator, outcome}}. */
	public static String step(String outcome, String operator) {
		return key("reactor.eager.steps", operator + "," + outcome);
	}

	/** The counters that changed between two readings, with their change. */
	public static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
		Map<String, Double> d = new TreeMap<>();
		after.forEach((k, v) -> {
			double change = v - before.getOrDefault(k, 0.0);
			if (change != 0) {
				d.put(k, change);
			}
		});
		return d;
	}

	public static String key(String name, String operator) {
		return name + "{" + operator + "}";
	}
}
