package io.reactoreager.benchmarks.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Draws a family as two grouped bar charts with XChart, from the measured numbers only: throughput
 * and bytes per operation, categories on the x axis, one bar colour per implementation, both on a
 * logarithmic y axis (the implementations differ by orders of magnitude). A bar that was not
 * measured is left out; bytes/op below 1 (JMH's own noise floor) is drawn at 1.
 */
final class Plots {
	private static final int WIDTH = 1000;
	private static final int HEIGHT = 560;
	/** One colour per implementation in every plot, so a bar means the same thing everywhere. */
	private static final Map<String, Color> COLOURS = Map.ofEntries(
			Map.entry("plain", new Color(0x7f7f7f)),
			Map.entry("completableFuture", new Color(0xff9f1c)),
			Map.entry("executionFlow", new Color(0x9b5de5)),
			Map.entry("executionFlowFold", new Color(0xcdb4f5)),
			Map.entry("reactor", new Color(0xd62828)),
			Map.entry("eagerSwitchOff", new Color(0x8ecae6)),
			Map.entry("eager", new Color(0x1d4ed8)),
			Map.entry("eagerWholeBuffer", new Color(0x023e8a)),
			Map.entry("eagerGather", new Color(0x3a86ff)),
			Map.entry("eagerTaskGroup", new Color(0x2a9d8f)),
			Map.entry("completableFutureAllResolved", new Color(0xffd166)),
			Map.entry("reactorAllResolved", new Color(0xf28482)),
			Map.entry("eagerAllResolvedSwitchOff", new Color(0xbde0fe)),
			Map.entry("eagerAllResolved", new Color(0x4cc9f0)));

	private Plots() {
	}

	/** Writes {@code <family>-throughput.png} and {@code <family>-alloc.png}; returns their file names. */
	static List<String> render(Family family, Path directory) throws IOException {
		List<String> files = new ArrayList<>();
		String unit = family.categories.stream()
				.flatMap(c -> family.implementations.stream().map(i -> family.cell(c, i)))
				.filter(r -> r != null).map(JmhResult::unit).findFirst().orElse("ops/s");
		files.add(write(chart(family, "throughput (" + unit + ", log scale, higher is better)", unit,
				JmhResult::score, Double.MIN_NORMAL), directory, family.name + "-throughput"));
		boolean anyAlloc = family.categories.stream()
				.flatMap(c -> family.implementations.stream().map(i -> family.cell(c, i)))
				.anyMatch(r -> r != null && !Double.isNaN(r.bytesPerOp()));
		if (anyAlloc) {
			files.add(write(chart(family, "allocation (bytes/op, log scale, lower is better)", "bytes/op",
					JmhResult::bytesPerOp, 1), directory, family.name + "-alloc"));
		}
		return files;
	}

	private static CategoryChart chart(Family family, String title, String yTitle, ToDoubleFunction<JmhResult> value,
			double floor) {
		CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
				.title(family.name + ": " + title).xAxisTitle(family.name.equals("async_tree") ? "workload" : "parameters")
				.yAxisTitle(yTitle).build();
		chart.getStyler().setYAxisLogarithmic(true);
		chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
		chart.getStyler().setChartBackgroundColor(Color.WHITE);
		chart.getStyler().setAvailableSpaceFill(0.85);
		if (family.categories.stream().mapToInt(String::length).max().orElse(0) > 12) {
			chart.getStyler().setXAxisLabelRotation(20);
		}
		double min = Double.MAX_VALUE;
		double max = 0;
		for (String implementation : family.implementations) {
			List<String> xs = new ArrayList<>();
			List<Number> ys = new ArrayList<>();
			for (String category : family.categories) {
				JmhResult r = family.cell(category, implementation);
				xs.add(category);
				double v = r == null ? Double.NaN : value.applyAsDouble(r);
				if (Double.isNaN(v)) {
					ys.add(null);
				} else {
					double drawn = Math.max(v, floor);
					ys.add(drawn);
					min = Math.min(min, drawn);
					max = Math.max(max, drawn);
				}
			}
			if (ys.stream().allMatch(y -> y == null)) {
				continue;
			}
			CategorySeries series = chart.addSeries(Family.label(implementation), xs, ys);
			Color colour = COLOURS.get(implementation);
			if (colour != null) {
				series.setFillColor(colour);
			}
		}
		if (max > 0) {
			// explicit decade bounds: XChart rejects a log axis whose computed minimum is 0 (a missing bar)
			double low = Math.pow(10, Math.floor(Math.log10(min)));
			double high = Math.pow(10, Math.ceil(Math.log10(max)));
			chart.getStyler().setYAxisMin(low);
			chart.getStyler().setYAxisMax(high > low ? high : low * 10);
		}
		return chart;
	}

	private static String write(CategoryChart chart, Path directory, String name) throws IOException {
		BitmapEncoder.saveBitmap(chart, directory.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
		return name + ".png";
	}
}
