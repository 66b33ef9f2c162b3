package io.reactoreager.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import io.reactoreager.Eager;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Bytes allocated per request on the event loop thread, measured with the JVM's per-thread
 * counter after warm-up, on an {@link EmbeddedChannel} (everything runs on the test thread): the
 * same response through a resolved Mono and through a lazy stock Mono.
 */
class EagerHttpServerAllocationTest {

	static final EagerHttpResponse RESPONSE = EagerHttpResponse.ok("hello");
	static final Mono<EagerHttpResponse> RESOLVED = Mono.just(RESPONSE);
	static final int TRACKED_WARMUP = 2_000;
	static final int WARMUP = 30_000;
	static final int MEASURED = 20_000;
	/** The lazy path costs at least a subscriber, a subscription and a Context per request. */
	static final long MIN_SAVING_BYTES = 64;

	@Test
	void resolvedHandlerAllocatesLessPerRequestThanALazyStockMono() {
		long resolved = bytesPerRequest(request -> RESOLVED);
		long lazy = bytesPerRequest(request -> Mono.fromSupplier(() -> RESPONSE));
		System.out.printf("allocation per request: resolved %d B, lazy %d B%n", resolved, lazy);
		assertThat(resolved).as("resolved B/request (lazy: %d)", lazy).isLessThanOrEqualTo(lazy - MIN_SAVING_BYTES);
	}

	@Test
	void finishedPendingHandlerIsReadAtOnceLikeAResolvedOne() {
		// a finished Eager.start is resolved (Eager.isResolved): no Exchange, no whenComplete
		Mono<EagerHttpResponse> finished = Eager.start(Mono.fromSupplier(() -> RESPONSE));
		assertThat(Eager.isResolved(finished)).isTrue();
		long resolved = bytesPerRequest(request -> RESOLVED);
		long pending = bytesPerRequest(request -> finished);
		System.out.printf("allocation per request: resolved %d B, finished pending %d B%n", resolved, pending);
		// margin: 16 B, one object header; an Exchange alone is more
		assertThat(pending).as("finished pending B/request (resolved: %d)", resolved).isLessThanOrEqualTo(resolved + 16);
	}

	static long bytesPerRequest(Function<EagerHttpRequest, Mono<EagerHttpResponse>> handler) {
		EagerHttpServer config = EagerHttpServer.create().idleTimeout(Duration.ZERO).handler(handler);
		EmbeddedChannel channel = new EmbeddedChannel(config.channelInitializer());
		ByteBuf request = Unpooled.copiedBuffer("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.US_ASCII);
		try {
			// Warm-up under PARANOID leak detection (every buffer tracked, any leak reported), then
			// measure with tracking off: its stack-trace records (~64 KB/request) would drown the
			// figure. The level is global; JUnit runs this module's classes one at a time.
			run(channel, request, TRACKED_WARMUP);
			ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
			ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
			try {
				run(channel, request, WARMUP);
				com.sun.management.ThreadMXBean threads =
					(com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
			long thread = Thread.currentThread().getId();
			long before = threads.getThreadAllocatedBytes(thread);
			run(channel, request, MEASURED);
				long after = threads.getThreadAllocatedBytes(thread);
				return (after - before) / MEASURED;
			} finally {
				ResourceLeakDetector.setLevel(level);
			}
		} finally {
			request.release();
			channel.finishAndReleaseAll();
		}
	}

	static void run(EmbeddedChannel channel, ByteBuf request, int count) {
		for (int i = 0; i < count; i++) {
			channel.writeInbound(request.retainedDuplicate());
			Object out;
			int responses = 0;
			while ((out = channel.readOutbound()) != null) {
				responses++;
				io.netty.util.ReferenceCountUtil.release(out);
			}
			if (responses == 0) {
				throw new AssertionError("no response written for request " + i);
			}
		}
	}
}
