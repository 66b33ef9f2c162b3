package io.reactoreager.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The marginal cost of one step, from {@code StepCostSweepBenchmark}: for each implementation,
 * time and bytes per operation against the chain length, fitted by least squares to
 * {@code cost = fixed + perStep * steps}. The slope is what one more step costs; the intercept
 * is what reading the result costs ({@code block()}, a subscription, {@code join()}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.reactoreager.benchmarks.report.StepCost results.json [more.json ...]
 * </pre>
 */
public final class StepCost {
	static final String CLASS = "StepCostSweepBenchmark";
	private static final String PARAM = "steps";

	private StepCost() {
	}

	/** One implementation's fit. */
	record Fit(String implementation, int points, double nsPerStep, double nsFixed, double bytesPerStep,
			double bytesFixed, double r2) {
	}

	public static void main(String[] args) throws IOException {
		if (args.length == 0) {
			System.err.println("usage: StepCost results.json [more.json ...]");
			System.exit(2);
		}
		List<JmhResult> results = new ArrayList<>();
		for (String arg : args) {
			results.addAll(JmhResults.read(Path.of(arg)).results());
		}
		System.out.print(render(results));
	}

	/** The fits of every implementation measured at two chain lengths or more, in the report's order. */
	static List<Fit> fits(List<JmhResult> results) {
		Map<String, List<JmhResult>> byMethod = new LinkedHashMap<>();
		for (JmhResult r : results) {
			if (r.className().equals(CLASS) && r.params().containsKey(PARAM)) {
				byMethod.computeIfAbsent(r.method(), m -> new ArrayList<>()).add(r);
			}
		}
		List<Fit> fits = new ArrayList<>();
		for (String method : orderedMethods(byMethod.keySet())) {
			List<JmhResult> rows = byMethod.get(method);
			if (rows.size() < 2) {
				continue;
			}
			double[] x = new double[rows.size()];
			double[] ns = new double[rows.size()];
			double[] bytes = new double[rows.size()];
			for (int i = 0; i < rows.size(); i++) {
				JmhResult r = rows.get(i);
				x[i] = Double.parseDouble(r.params().get(PARAM));
				ns[i] = nanosPerOp(r.score(), r.unit());
				bytes[i] = r.bytesPerOp();
			}
			double[] t = leastSquares(x, ns);
			double[] b = leastSquares(x, bytes);
			fits.add(new Fit(method, rows.size(), t[0], t[1], b[0], b[1], t[2]));
		}
		return fits;
	}

	private static List<String> orderedMethods(java.util.Set<String> methods) {
		List<String> ordered = new ArrayList<>(methods);
		ordered.sort(java.util.Comparator.comparingInt((String m) -> {
			int i = ORDER.indexOf(m);
			return i < 0 ? ORDER.size() : i;
		}).thenComparing(m -> m));
		return ordered;
	}

	private static final List<String> ORDER = List.of("plain", "completableFuture", "executionFlow", "reactor",
			"reactorSubscribed", "eagerSwitchOff", "eager", "eagerSubscribed", "eagerFluent", "eagerFluentSubscribed");

	private static final Map<String, String> LABELS = Map.of(
			"plain", "plain Java",
			"completableFuture", "CompletableFuture (`join`)",
			"executionFlow", "ExecutionFlow (`tryCompleteValue`)",
			"reactor", "stock Reactor (`block`)",
			"reactorSubscribed", "stock Reactor (subscribed)",
			"eagerSwitchOff", "eager `transform`, switch off (`block`)",
			"eager", "eager `transform` (`block`)",
			"eagerSubscribed", "eager `transform` (subscribed)",
			"eagerFluent", "eager fluent `Eager.of(..)` (`block`)",
			"eagerFluentSubscribed", "eager fluent `Eager.of(..)` (subscribed)");

	/** The markdown table of the fits, with each eager step compared to stock's and to ExecutionFlow's. */
	static String render(List<JmhResult> results) {
		List<Fit> fits = fits(results);
		if (fits.isEmpty()) {
			return "";
		}
		Fit stock = find(fits, "reactor");
		Fit stockSubscribed = find(fits, "reactorSubscribed");
		Fit flow = find(fits, "executionFlow");
		StringBuilder md = new StringBuilder();
		md.append("| implementation | ns/step | B/step | fixed ns | fixed B | step vs stock's | step vs ExecutionFlow's | R² (time) |\n");
		md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Fit f : fits) {
			Fit reference = f.implementation().endsWith("Subscribed") ? stockSubscribed : stock;
			md.append("| ").append(LABELS.getOrDefault(f.implementation(), f.implementation()))
					.append(" | ").append(fmt(f.nsPerStep()))
					.append(" | ").append(fmt(f.bytesPerStep()))
					.append(" | ").append(fmt(f.nsFixed()))
					.append(" | ").append(fmt(f.bytesFixed()))
					.append(" | ").append(ratio(f, reference))
					.append(" | ").append(ratio(f, flow))
					.append(" | ").append(String.format(Locale.ROOT, "%.3f", f.r2()))
					.append(" |\n");
		}
		return md.toString();
	}

	static Fit find(List<Fit> fits, String implementation) {
		for (Fit f : fits) {
			if (f.implementation().equals(implementation)) {
				return f;
			}
		}
		return null;
	}

	private static String ratio(Fit f, Fit reference) {
		if (reference == null || reference == f || !(reference.nsPerStep() > 0)) {
			return "-";
		}
		double r = f.nsPerStep() / reference.nsPerStep();
		return r < 0.1 ? String.format(Locale.ROOT, "1/%.0f", 1 / r) : String.format(Locale.ROOT, "%.2fx", r);
	}

	/** {@code [slope, intercept, r²]} of the least-squares line through the points. */
	static double[] leastSquares(double[] x, double[] y) {
		int n = x.length;
		double mx = 0;
		double my = 0;
		for (int i = 0; i < n; i++) {
			mx += x[i];
			my += y[i];
		}
		mx /= n;
		my /= n;
		double sxy = 0;
		double sxx = 0;
		double syy = 0;
		for (int i = 0; i < n; i++) {
			sxy += (x[i] - mx) * (y[i] - my);
			sxx += (x[i] - mx) * (x[i] - mx);
			syy += (y[i] - my) * (y[i] - my);
		}
		double slope = sxx == 0 ? Double.NaN : sxy / sxx;
		double r2 = syy == 0 ? 1 : (sxy * sxy) / (sxx * syy);
		return new double[] {slope, my - slope * mx, r2};
	}

	/** Nanoseconds per operation from a JMH score in any of the units the benchmarks use. */
	static double nanosPerOp(double score, String unit) {
		switch (unit) {
			case "ns/op": return score;
			case "us/op": return score * 1e3;
			case "ms/op": return score * 1e6;
			case "ops/ns": return 1 / score;
			case "ops/us": return 1e3 / score;
			case "ops/ms": return 1e6 / score;
			case "ops/s": return 1e9 / score;
			default: throw new IllegalArgumentException("unit " + unit);
		}
	}

	private static String fmt(double x) {
		if (x != x) {
			return "n/a";
		}
		if (Math.abs(x) >= 100) {
			return String.format(Locale.ROOT, "%,.0f", x);
		}
		if (Math.abs(x) >= 1) {
			return String.format(Locale.ROOT, "%.1f", x);
		}
		return String.format(Locale.ROOT, "%.2f", x);
	}
}
