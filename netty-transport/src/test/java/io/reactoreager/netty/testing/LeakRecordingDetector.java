package io.reactoreager.netty.testing;

import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Netty's leak detector, loaded through {@code -Dio.netty.customResourceLeakDetector}, that also
 * records every leak it reports so {@link NettyGuardsExtension} can fail the test class.
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

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add(resourceType + " leaked:" + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add(resourceType + " leaked (untraced)");
        super.reportUntracedLeak(resourceType);
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
