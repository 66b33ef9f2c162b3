package io.reactoreager.examples.netty;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;

import io.reactoreager.EagerStats.Kind;

/**
 * What the demo prints after its two loads: the same load with the switch off (stock Reactor
 * operators) and on, side by side, per request where a total would mean nothing to a reader.
 *
 * @param off the load with the switch off
 * @param on the load with the switch on
 * @param urls URLs to try, printed at the end (empty: none printed)
 */
public record DemoSummary(DemoPhase off, DemoPhase on, List<String> urls) {

	/** The one-line legend of the step counters. */
	static final String LEGEND = "inline: ran at once on a value already there, no subscriber; suspended: waited for a value "
			+ "still coming (one continuation); lazy: subscribed as stock does; trampolined: queued to keep the stack "
			+ "short; yielded: handed back to the event loop after the fairness budget";

	public DemoSummary {
		Objects.requireNonNull(off, "off");
		Objects.requireNonNull(on, "on");
		urls = List.copyOf(urls);
	}

	/** @return the summary as printed */
	public String render() {
		StringBuilder b = new StringBuilder();
		b.append("\n== reactor-eager demo: the same load with the switch off (stock Reactor) and on ==\n");
		row(b, "", "switch off", "switch on");
		row(b, "requests", p -> String.format(Locale.ROOT, "%,d in %.1f s", p.requests(), p.elapsed().toMillis() / 1000.0));
		row(b, "requests per second", p -> String.format(Locale.ROOT, "%,.0f", p.requestsPerSecond()));
		row(b, "failed", p -> String.format(Locale.ROOT, "%,d", p.failures()));
		row(b, "cache hits", p -> String.format(Locale.ROOT, "%.1f%%", 100 * p.cacheHitRatio()));
		row(b, "service bytes/request", p -> perRequest(p, p.serviceBytes(), "%,.0f B"));
		b.append("  eager steps per request\n");
		row(b, "  inline", p -> count(p, Kind.INLINE));
		row(b, "  suspended", p -> count(p, Kind.SUSPENDED));
		row(b, "  lazy", p -> count(p, Kind.LAZY_SUBSCRIPTION));
		row(b, "  trampolined", p -> count(p, Kind.TRAMPOLINED));
		row(b, "  yielded", p -> count(p, Kind.BUDGET_YIELD));
		row(b, "avoided per request", p -> p.switchOn() ? avoided(p) : "-");
		b.append(String.format(Locale.ROOT, "  %s%n", LEGEND));
		b.append(String.format(Locale.ROOT,
				"  with the switch on, %.1f%% of eager steps ran inline; service bytes/request: every thread but the load generator's;%n"
						+ "  requests per second include the load generator, which shares this JVM and its CPU%n",
				100 * on.eagerInlineRatio()));
		if (!urls.isEmpty()) {
			b.append("\ntry:\n");
			for (String url : urls) {
				b.append("  curl -s ").append(url).append('\n');
			}
		}
		return b.toString();
	}

	private static String count(DemoPhase p, Kind kind) {
		return String.format(Locale.ROOT, "%.2f", p.perRequest(kind));
	}

	private static String avoided(DemoPhase p) {
		if (p.bytesAvoided().isEmpty() || p.objectsAvoided().isEmpty()) {
			return "not reported (needs reactor-eager-micrometer)";
		}
		return String.format(Locale.ROOT, "%,.0f B, %,.1f objects", p.perRequest(p.bytesAvoided().getAsLong()),
				p.perRequest(p.objectsAvoided().getAsLong()));
	}

	private static String perRequest(DemoPhase p, OptionalLong amount, String format) {
		return amount.isPresent() ? String.format(Locale.ROOT, format, p.perRequest(amount.getAsLong())) : "n/a";
	}

	private void row(StringBuilder b, String label, Function<DemoPhase, String> value) {
		row(b, label, value.apply(off), value.apply(on));
	}

	private static void row(StringBuilder b, String label, String off, String on) {
		b.append(String.format(Locale.ROOT, "  %-24s %18s %18s%n", label, off, on));
	}
}
