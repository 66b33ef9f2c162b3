package io.reactoreager.examples.netty;

import java.lang.management.ManagementFactory;
import java.util.OptionalLong;

/**
 * Bytes allocated so far by the service's threads: every live thread of the JVM but the load
 * generator's (the JDK HTTP client's {@code HttpClient-*} threads) and the caller's, from the JVM's
 * per-thread allocation counter. Empty where the JVM does not offer that counter.
 */
final class ServiceAllocation {

	private ServiceAllocation() {
	}

	static OptionalLong bytesSoFar() {
		if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx)
				|| !mx.isThreadAllocatedMemorySupported() || !mx.isThreadAllocatedMemoryEnabled()) {
			return OptionalLong.empty();
		}
		long sum = 0;
		Thread self = Thread.currentThread();
		for (Thread t : Thread.getAllStackTraces().keySet()) {
			if (t == self || t.getName().startsWith("HttpClient-")) {
				continue;
			}
			long bytes = mx.getThreadAllocatedBytes(t.getId());
			if (bytes > 0) {
				sum += bytes;
			}
		}
		return OptionalLong.of(sum);
	}

	static OptionalLong difference(OptionalLong before, OptionalLong after) {
		return before.isPresent() && after.isPresent() ? OptionalLong.of(after.getAsLong() - before.getAsLong()) : OptionalLong.empty();
	}
}
