package io.reactoreager.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.reactoreager.EagerOperator;
import reactor.util.annotation.Nullable;

/**
 * The measured allocations the eager path avoids, per operator: for one inline completion, the
 * bytes and objects the stock operator allocates for the same step on a resolved input (assembly
 * plus subscription) minus what the eager step allocates; for joins, a figure per join and one per
 * child fused on the spot. Produced by the calibration program in the benchmarks module and
 * checked in as {@code allocation-table.properties} beside this class, with the JVM it was
 * measured on (docs/metrics.md).
 *
 * <p>Only positive figures are kept: a counter of avoided allocations must never go down, and an
 * operator whose eager form allocates as much or more than its stock twin avoids nothing.
 */
final class AllocationTable {

	static final String RESOURCE = "allocation-table.properties";

	/** Per operator: {bytes per inline, objects per inline, bytes per fused child, objects per fused child}. */
	private final Map<EagerOperator, double[]> figures;
	private final Properties properties;

	private AllocationTable(Properties properties) {
		this.properties = properties;
		this.figures = new EnumMap<>(EagerOperator.class);
		for (EagerOperator op : EagerOperator.values()) {
			String k = op.tagValue();
			double[] f = {
					positive(properties, k + ".bytes"),
					positive(properties, k + ".objects"),
					positive(properties, k + ".child.bytes"),
					positive(properties, k + ".child.objects")};
			if (f[0] > 0 || f[1] > 0 || f[2] > 0 || f[3] > 0) {
				figures.put(op, f);
			}
		}
	}

	/** The table checked in with this module. */
	static AllocationTable load() {
		try (InputStream in = AllocationTable.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("missing resource " + RESOURCE);
			}
			return of(in);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static AllocationTable of(InputStream in) throws IOException {
		Properties p = new Properties();
		p.load(Objects.requireNonNull(in, "in"));
		return new AllocationTable(p);
	}

	private static double positive(Properties p, String key) {
		String v = p.getProperty(key);
		if (v == null || v.isBlank()) {
			return 0;
		}
		double d = Double.parseDouble(v.trim());
		return d > 0 ? d : 0;
	}

	/** Whether the table has a figure for this operator. */
	boolean covers(EagerOperator op) {
		return figures.containsKey(op);
	}

	/** Bytes avoided per inline completion (per join for joins). */
	double bytes(EagerOperator op) {
		double[] f = figures.get(op);
		return f == null ? 0 : f[0];
	}

	/** Objects avoided per inline completion (per join for joins). */
	double objects(EagerOperator op) {
		double[] f = figures.get(op);
		return f == null ? 0 : f[1];
	}

	/** Bytes avoided per child of an inline join fused on the spot. */
	double childBytes(EagerOperator op) {
		double[] f = figures.get(op);
		return f == null ? 0 : f[2];
	}

	/** Objects avoided per child of an inline join fused on the spot. */
	double childObjects(EagerOperator op) {
		double[] f = figures.get(op);
		return f == null ? 0 : f[3];
	}

	@Nullable
	String jvm(String key) {
		return properties.getProperty("jvm." + key);
	}

	/**
	 * Whether the figures hold on the running JVM: the object layout must match the one measured
	 * (compressed oops and compressed class pointers change the size of every object).
	 */
	boolean matchesRunningJvm() {
		try {
			HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
			return hs != null
					&& Objects.equals(jvm("compressedOops"), hs.getVMOption("UseCompressedOops").getValue())
					&& Objects.equals(jvm("compressedClassPointers"), hs.getVMOption("UseCompressedClassPointers").getValue());
		}
		catch (RuntimeException | LinkageError e) {
			return false;
		}
	}
}
