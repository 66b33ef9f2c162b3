package io.reactoreager.benchmarks.calibration;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.reactoreager.EagerOperator;
import io.reactoreager.EagerPolicy;

/**
 * Produces the per-operator table of allocations the eager path avoids: for each operator, the
 * bytes and objects the stock operator allocates for one step on a resolved input (assembly plus
 * subscription) minus what the eager step allocates. Each workload of {@link Probes} runs the same
 * code with the switch off (stock) and on (eager), after warm-up, at two sizes; the difference of
 * the slopes is the figure (see {@link Probe} for why slopes).
 *
 * <ul>
 *   <li>Bytes: the JVM's per-thread counter, {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes},
 *       best of three rounds (a GC or a deoptimisation in a round only ever adds).</li>
 *   <li>Objects: instances counted in the heap, dead ones included, by {@link HeapHistogram}
 *       before and after a window with no GC.</li>
 * </ul>
 *
 * Run (from the project root, after {@code ./mvnw -q -pl benchmarks -am package -DskipTests}):
 * <pre>
 * ./mvnw -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xms1g -Xmx1g -Xmn512m -XX:+UseG1GC \
 *   -cp benchmarks/target/classes:$(cat benchmarks/target/cp.txt) \
 *   io.reactoreager.benchmarks.calibration.AllocationCalibration \
 *   metrics/src/main/resources/io/reactoreager/metrics/allocation-table.properties
 * </pre>
 * With no argument the table is printed. The JVM it runs on is recorded in the table: figures
 * hold for that JVM's object layout (compressed oops on or off changes every reference field).
 */
public final class AllocationCalibration {

	static final int SMALL = 2;
	static final int LARGE = 10;
	static final int[] ARITIES = {2, 4};

	static final int WARMUP = 60_000;
	static final int MEASURE = 40_000;
	static final int ROUNDS = 3;
	static final int OBJECT_WINDOW = 10_000;

	private static final com.sun.management.ThreadMXBean THREADS =
			(com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

	private AllocationCalibration() {
	}

	public static void main(String[] args) throws IOException {
		boolean wasEnabled = EagerPolicy.isEnabled();
		long histogramOverhead = histogramOverhead();
		StringBuilder out = new StringBuilder();
		header(out);
		Map<EagerOperator, double[][]> joins = new EnumMap<>(EagerOperator.class);
		List<Probe> probes = Probes.all();
		for (Probe p : probes) {
			int small = p.shape() == Probe.Shape.SOURCE ? 1 : SMALL;
			int large = p.shape() == Probe.Shape.SOURCE ? 5 : LARGE;
			Figures f = measure(p, small, large, histogramOverhead);
			System.err.printf(Locale.ROOT, "%-15s %-7s arity %d: stock %7.1f B %5.2f obj, eager %7.1f B %5.2f obj per step%n",
					p.operator().tagValue(), p.shape(), p.arity(), f.stockBytes, f.stockObjects, f.eagerBytes, f.eagerObjects);
			if (p.shape() == Probe.Shape.JOIN) {
				double[][] byArity = joins.computeIfAbsent(p.operator(), k -> new double[ARITIES.length][]);
				byArity[p.arity() == ARITIES[0] ? 0 : 1] = new double[] {f.stockBytes, f.stockObjects, f.eagerBytes, f.eagerObjects};
				if (p.arity() == ARITIES[ARITIES.length - 1]) {
					joinEntry(out, p, byArity);
				}
			}
			else {
				entry(out, p.operator().tagValue(), p.workload(), f.stockBytes, f.stockObjects, f.eagerBytes, f.eagerObjects);
			}
		}
		EagerPolicy.setEnabled(wasEnabled);
		if (args.length > 0) {
			Path path = Path.of(args[0]);
			Files.createDirectories(path.toAbsolutePath().getParent());
			Files.writeString(path, out, StandardCharsets.ISO_8859_1);
			System.err.println("wrote " + path.toAbsolutePath() + " (sink saw " + Probes.SINK.values + " values)");
		}
		else {
			System.out.print(out);
		}
	}

	record Figures(double stockBytes, double stockObjects, double eagerBytes, double eagerObjects) {
	}

	static Figures measure(Probe p, int small, int large, long histogramOverhead) {
		// warm every combination, interleaved, so that both modes are compiled before any is measured
		for (int w = 0; w < 2; w++) {
			for (boolean on : new boolean[] {false, true}) {
				run(p, small, on, WARMUP / 2);
				run(p, large, on, WARMUP / 2);
			}
		}
		double sb = slope(bytes(p, small, false), bytes(p, large, false), small, large);
		double eb = slope(bytes(p, small, true), bytes(p, large, true), small, large);
		double so = slope(objects(p, small, false, histogramOverhead), objects(p, large, false, histogramOverhead), small, large);
		double eo = slope(objects(p, small, true, histogramOverhead), objects(p, large, true, histogramOverhead), small, large);
		return new Figures(sb, so, eb, eo);
	}

	static double slope(double atSmall, double atLarge, int small, int large) {
		return (atLarge - atSmall) / (large - small);
	}

	static void run(Probe p, int size, boolean on, int iterations) {
		EagerPolicy.setEnabled(on);
		for (int i = 0; i < iterations; i++) {
			p.run(i, size);
		}
	}

	static double bytes(Probe p, int size, boolean on) {
		EagerPolicy.setEnabled(on);
		long id = Thread.currentThread().getId();
		double best = Double.MAX_VALUE;
		for (int round = 0; round < ROUNDS; round++) {
			long before = THREADS.getThreadAllocatedBytes(id);
			for (int i = 0; i < MEASURE; i++) {
				p.run(i, size);
			}
			long after = THREADS.getThreadAllocatedBytes(id);
			best = Math.min(best, (after - before) / (double) MEASURE);
		}
		return best;
	}

	static double objects(Probe p, int size, boolean on, long histogramOverhead) {
		EagerPolicy.setEnabled(on);
		for (int attempt = 0; attempt < 5; attempt++) {
			System.gc();
			long gcs = HeapHistogram.collections();
			long before = HeapHistogram.instances();
			for (int i = 0; i < OBJECT_WINDOW; i++) {
				p.run(i, size);
			}
			long after = HeapHistogram.instances();
			if (HeapHistogram.collections() == gcs) {
				return (after - before - histogramOverhead) / (double) OBJECT_WINDOW;
			}
		}
		throw new IllegalStateException("a GC ran in every object-count window; give the JVM a larger young generation (-Xmn)");
	}

	/** Instances the histogram itself leaves behind between two calls (its report string). */
	static long histogramOverhead() {
		long best = Long.MAX_VALUE;
		for (int attempt = 0; attempt < 3; attempt++) {
			System.gc();
			long before = HeapHistogram.instances();
			long after = HeapHistogram.instances();
			best = Math.min(best, after - before);
		}
		return best;
	}

	static void header(StringBuilder out) {
		HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		out.append("# reactor-eager: allocations the eager path avoids, per inline completion, by operator.\n");
		out.append("# Generated by io.reactoreager.benchmarks.calibration.AllocationCalibration (see docs/metrics.md).\n");
		out.append("# <op>.bytes / <op>.objects = stock minus eager (eager below zero counts as zero), for one step on a resolved input (assembly + subscription).\n");
		out.append("# Joins: <op>.bytes is per join, <op>.child.bytes per child fused on the spot (EagerStats.Kind.FUSED_CHILD).\n");
		out.append("# Bytes: per-thread allocated-bytes counter after warm-up; objects: heap class histogram (-all) around a GC-free window.\n");
		out.append("# Measured ").append(Instant.now()).append('\n');
		prop(out, "jvm.vendor", System.getProperty("java.vm.vendor"));
		prop(out, "jvm.version", System.getProperty("java.vm.version"));
		prop(out, "jvm.name", System.getProperty("java.vm.name"));
		prop(out, "jvm.compressedOops", hs.getVMOption("UseCompressedOops").getValue());
		prop(out, "jvm.compressedClassPointers", hs.getVMOption("UseCompressedClassPointers").getValue());
		prop(out, "jvm.gc", ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());
		prop(out, "reactor.version", reactor.core.publisher.Mono.class.getPackage().getImplementationVersion());
		out.append('\n');
	}

	static void entry(StringBuilder out, String op, String workload, double sb, double so, double eb, double eo) {
		out.append(String.format(Locale.ROOT, "# %s: %s; stock %.1f B %.2f objects, eager %.1f B %.2f objects per step%n",
				op, workload, sb, so, eb, eo));
		// a step allocates nothing or more: an eager slope below zero is noise (escape analysis
		// removing something in one window), and crediting it would claim more than stock allocates
		prop(out, op + ".bytes", fmt(sb - Math.max(0, eb)));
		prop(out, op + ".objects", whole(so - Math.max(0, eo)));
	}

	static void joinEntry(StringBuilder out, Probe p, double[][] byArity) {
		int a0 = ARITIES[0];
		int a1 = ARITIES[1];
		String op = p.operator().tagValue();
		// per join of arity k: avoided(k) = perCall + k * perChild, fitted through the two arities
		double[] avoided = new double[2];
		double[] avoidedObjects = new double[2];
		for (int k = 0; k < 2; k++) {
			avoided[k] = byArity[k][0] - byArity[k][2];
			avoidedObjects[k] = byArity[k][1] - byArity[k][3];
			out.append(String.format(Locale.ROOT, "# %s arity %d: stock %.1f B %.2f objects, eager %.1f B %.2f objects per join%n",
					op, k == 0 ? a0 : a1, byArity[k][0], byArity[k][1], byArity[k][2], byArity[k][3]));
		}
		double childBytes = (avoided[1] - avoided[0]) / (a1 - a0);
		double childObjects = (avoidedObjects[1] - avoidedObjects[0]) / (a1 - a0);
		out.append("# ").append(op).append(": ").append(p.workload().replace(String.valueOf(a1 - 1), "arity - 1")).append('\n');
		prop(out, op + ".bytes", fmt(avoided[0] - a0 * childBytes));
		prop(out, op + ".objects", whole(avoidedObjects[0] - a0 * childObjects));
		prop(out, op + ".child.bytes", fmt(childBytes));
		prop(out, op + ".child.objects", whole(childObjects));
	}

	/**
	 * Objects are whole: a fraction in the histogram's difference is an object that something else
	 * (the management beans themselves) allocated in some windows, not a fraction of the step's.
	 */
	static String whole(double objects) {
		return fmt(Math.round(objects));
	}

	static String fmt(double v) {
		return String.format(Locale.ROOT, "%.1f", v);
	}

	static void prop(StringBuilder out, String key, String value) {
		out.append(key).append('=').append(value == null ? "" : value).append('\n');
	}
}
