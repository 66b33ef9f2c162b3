package io.reactoreager.benchmarks.calibration;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Counts objects: the number of instances in the heap, dead ones included, from the JVM's class
 * histogram ({@code GC.class_histogram -all}, the DiagnosticCommand MBean), which walks the heap
 * without collecting it first. Two histograms around a window with no GC in between give the
 * objects allocated in the window (objects removed by escape analysis are never in the heap, so
 * they are, correctly, not counted).
 */
final class HeapHistogram {

	private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
	private static final ObjectName DCMD;

	static {
		try {
			DCMD = new ObjectName("com.sun.management:type=DiagnosticCommand");
		}
		catch (Exception e) {
			throw new ExceptionInInitializerError(e);
		}
	}

	private HeapHistogram() {
	}

	/** Total instances in the heap now, reachable or not. */
	static long instances() {
		String text;
		try {
			text = (String) SERVER.invoke(DCMD, "gcClassHistogram", new Object[] {new String[] {"-all"}},
					new String[] {String[].class.getName()});
		}
		catch (Exception e) {
			throw new IllegalStateException("GC.class_histogram is not available", e);
		}
		// last line: "Total <instances> <bytes>"
		int t = text.lastIndexOf("Total");
		String[] parts = text.substring(t).trim().split("\\s+");
		return Long.parseLong(parts[1]);
	}

	/** Collections so far, over all collectors: a window is valid only if this did not move. */
	static long collections() {
		long n = 0;
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			n += Math.max(0, gc.getCollectionCount());
		}
		return n;
	}
}
