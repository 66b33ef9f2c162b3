package io.reactoreager.testing;

import java.lang.management.ManagementFactory;

/**
 * Measures bytes allocated by the current thread with the JVM's own per-thread counter
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}), after a warm-up so that the
 * JIT has compiled (and escape-analysed) the measured code.
 */
public final class Allocations {

	private static final com.sun.management.ThreadMXBean THREADS =
			(com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

	private Allocations() {
	}

	/** Bytes allocated so far by the calling thread. */
	public static long allocatedBytes() {
		return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
	}

	/**
	 * Average bytes per call of {@code body}, after {@code warmup} unmeasured calls, over
	 * {@code iterations} measured calls. The best of three rounds is kept (a GC or a deoptimisation in
	 * one round only ever adds bytes).
	 */
	public static double bytesPerCall(int warmup, int iterations, IntBody body) {
		for (int i = 0; i < warmup; i++) {
			body.run(i);
		}
		double best = Double.MAX_VALUE;
		for (int round = 0; round < 3; round++) {
			long before = allocatedBytes();
			for (int i = 0; i < iterations; i++) {
				body.run(i);
			}
			long after = allocatedBytes();
			best = Math.min(best, (after - before) / (double) iterations);
		}
		return best;
	}

	/** The measured body, given the iteration index. */
	@FunctionalInterface
	public interface IntBody {
		void run(int i);
	}
}
