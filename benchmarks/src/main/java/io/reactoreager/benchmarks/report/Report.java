package io.reactoreager.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns JMH JSON result files (from {@code -rf json}, run with {@code -prof gc}) into one markdown
 * report with tables and PNG plots. It only reformats what JMH measured: no number in the output
 * is typed by hand.
 *
 * <pre>
 * java -Djava.awt.headless=true -cp benchmarks/target/benchmarks.jar \
 *     io.reactoreager.benchmarks.report.Report OUT_DIR NAME results1.json [results2.json ...]
 * </pre>
 *
 * writes {@code OUT_DIR/NAME.md} and {@code OUT_DIR/NAME/*.png}.
 */
public final class Report {
	private Report() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length < 3) {
			System.err.println("usage: Report OUT_DIR NAME results.json [more.json ...]");
			System.exit(2);
		}
		System.setProperty("java.awt.headless", "true");
		Path outDir = Path.of(args[0]);
		String name = args[1];
		List<JmhResult> results = new ArrayList<>();
		List<JmhResults.Run> runs = new ArrayList<>();
		List<String> sources = new ArrayList<>();
		for (int i = 2; i < args.length; i++) {
			Path file = Path.of(args[i]);
			JmhResults.Run run = JmhResults.read(file);
			runs.add(run);
			results.addAll(run.results());
			sources.add(file.getFileName().toString());
		}
		Path plotDir = outDir.resolve(name);
		Files.createDirectories(plotDir);
		StringBuilder md = new StringBuilder();
		md.append("# Benchmark results: ").append(name).append("\n\n");
		md.append("Rendered by `io.reactoreager.benchmarks.report.Report` from ").append(String.join(", ", sources))
				.append(" (in `benchmarks/results/`). Throughput is JMH's primary score; bytes/op is ")
				.append("`gc.alloc.rate.norm` from `-prof gc` (all threads, so the Netty event loop's ")
				.append("allocations count too).\n\n");
		for (int i = 0; i < runs.size(); i++) {
			JmhResults.Run run = runs.get(i);
			md.append("- `").append(sources.get(i)).append("`: JMH ").append(run.jmhVersion()).append(", JDK ")
					.append(run.jdkVersion()).append(" (").append(run.vmName()).append("), ")
					.append(run.settings()).append('\n');
		}
		md.append('\n');
		for (Family family : Family.of(results)) {
			md.append("## ").append(family.name).append("\n\n");
			md.append(MarkdownTables.render(family)).append('\n');
			for (String png : Plots.render(family, plotDir)) {
				md.append("![").append(family.name).append(' ').append(png.replace(".png", "")).append("](")
						.append(name).append('/').append(png).append(")\n");
			}
			md.append('\n');
		}
		String steps = StepCost.render(results);
		if (!steps.isEmpty()) {
			md.append("## Step cost (least-squares fit over chain lengths)\n\n");
			md.append("`cost = fixed + perStep * steps`, fitted to the StepCostSweep rows above: the slope is what one ")
					.append("more step costs, the intercept what reading the result costs.\n\n");
			md.append(steps).append('\n');
		}
		Files.writeString(outDir.resolve(name + ".md"), md.toString(), StandardCharsets.UTF_8);
		System.out.println("wrote " + outDir.resolve(name + ".md") + " and plots in " + plotDir);
	}
}
