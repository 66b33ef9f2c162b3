package io.reactoreager.metrics.testing;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the current thread, from the JVM's own per-thread counter
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}).
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
}
