package io.reactoreager.netty.testing;

import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Netty's leak detector, loaded through {@code -Dio.netty.customResourceLeakDetector}, that records
 * every leak instead of logging it, so {@link NettyGuardsExtension} fails the test class with the
 * leak's records (and a test that leaks on purpose asserts it without printing a report).
 */
public final class LeakRecordingDetector<T> extends ResourceLeakDetector<T> {

	private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();

	public LeakRecordingDetector(Class<?> resourceType, int samplingInterval) {
		super(resourceType, samplingInterval);
	}

	/** The obsolete constructor shape Netty also probes for. */
	@SuppressWarnings("deprecation")
	public LeakRecordingDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
		super(resourceType, samplingInterval, maxActive);
	}

	/** Always: a leak is recorded whatever level Netty's logger is at. */
	@Override
	protected boolean needReport() {
		return true;
	}

	@Override
	protected void reportTracedLeak(String resourceType, String records) {
		LEAKS.add(resourceType + " leaked:" + records);
	}

	@Override
	protected void reportUntracedLeak(String resourceType) {
		LEAKS.add(resourceType + " leaked (untraced)");
	}

	/** @return the leaks reported since the last call, and forgets them */
	public static List<String> drain() {
		List<String> out = new ArrayList<>();
		String leak;
		while ((leak = LEAKS.poll()) != null) {
			out.add(leak);
		}
		return out;
	}
}
