package io.reactoreager.benchmarks.report;

import java.util.List;
import java.util.Locale;

/**
 * Renders a family as two markdown tables: the measurements (throughput with its error, bytes
 * per operation) and the ratios of {@code eager} to every baseline present. A throughput ratio
 * above 1 means eager is faster; a bytes ratio below 1 means eager allocates less.
 */
final class MarkdownTables {
	/** The baselines eager is divided by, with their column titles. */
	private static final List<String[]> BASELINES = List.of(
			new String[] {"reactor", "eager / stock Reactor"},
			new String[] {"completableFuture", "eager / CompletableFuture"},
			new String[] {"executionFlow", "eager / ExecutionFlow"},
			new String[] {"plain", "eager / plain Java"},
			new String[] {"eagerSwitchOff", "eager / switch off"});

	private MarkdownTables() {
	}

	static String render(Family family) {
		StringBuilder out = new StringBuilder();
		String categoryTitle = family.name.equals("async_tree") ? "workload" : "parameters";
		out.append("| ").append(categoryTitle).append(" | implementation | throughput | ± (99.9%) | bytes/op |\n");
		out.append("|---|---|---:|---:|---:|\n");
		for (String category : family.categories) {
			for (String implementation : family.implementations) {
				JmhResult r = family.cell(category, implementation);
				if (r == null) {
					continue;
				}
				out.append("| ").append(category).append(" | ").append(Family.label(implementation)).append(" | ")
						.append(number(r.score())).append(' ').append(r.unit()).append(" | ")
						.append(number(r.error())).append(" | ")
						.append(bytes(r.bytesPerOp())).append(" |\n");
			}
		}
		boolean anyEager = family.categories.stream().anyMatch(c -> family.cell(c, "eager") != null);
		if (!anyEager) {
			out.append("\nNo `eager` result in this family, so no ratios.\n");
			return out.toString();
		}
		out.append("\nRatios, throughput x (bytes/op x):\n\n| ").append(categoryTitle);
		for (String[] baseline : BASELINES) {
			out.append(" | ").append(baseline[1]);
		}
		out.append(" |\n|---");
		BASELINES.forEach(b -> out.append("|---:"));
		out.append("|\n");
		for (String category : family.categories) {
			JmhResult eager = family.cell(category, "eager");
			out.append("| ").append(category);
			for (String[] baseline : BASELINES) {
				JmhResult base = family.cell(category, baseline[0]);
				out.append(" | ").append(eager == null || base == null ? "-" : ratio(eager, base));
			}
			out.append(" |\n");
		}
		JmhResult counting = family.cell("stats=true", "eager");
		JmhResult notCounting = family.cell("stats=false", "eager");
		if (counting != null && notCounting != null) {
			out.append(String.format(Locale.ROOT,
					"%nCost of counting: eager throughput with counters on / off = %.3fx (%s vs %s %s; bytes/op %s vs %s).%n",
					counting.score() / notCounting.score(), number(counting.score()), number(notCounting.score()),
					counting.unit(), bytes(counting.bytesPerOp()), bytes(notCounting.bytesPerOp())));
		}
		return out.toString();
	}

	private static String ratio(JmhResult eager, JmhResult base) {
		String throughput = String.format(Locale.ROOT, "%.2fx", eager.score() / base.score());
		// plain Java allocates (next to) nothing by construction: a bytes ratio against it is noise
		if (Double.isNaN(eager.bytesPerOp()) || Double.isNaN(base.bytesPerOp()) || base.bytesPerOp() < 1
				|| base.method().equals("plain")) {
			return throughput;
		}
		return throughput + String.format(Locale.ROOT, " (%.2fx)", eager.bytesPerOp() / base.bytesPerOp());
	}

	static String number(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		double abs = Math.abs(value);
		if (abs >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (abs >= 1) {
			return String.format(Locale.ROOT, "%.2f", value);
		}
		return String.format(Locale.ROOT, "%.3g", value);
	}

	static String bytes(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		return value >= 10 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
	}
}
