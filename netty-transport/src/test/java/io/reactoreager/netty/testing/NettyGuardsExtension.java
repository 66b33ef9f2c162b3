package io.reactoreager.netty.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.ServiceLoader;
import reactor.blockhound.integration.BlockHoundIntegration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * Applied to every JUnit test class of the module (auto-detected): installs BlockHound once,
 * recording any blocking call made on a non-blocking thread (Netty event loops, Reactor's
 * parallel schedulers), and after each class forces Netty's leak detector to report, then fails
 * the class on any recorded leak or blocking call.
 */
public final class NettyGuardsExtension implements BeforeAllCallback, AfterAllCallback {

	private static final ConcurrentLinkedQueue<String> BLOCKING_CALLS = new ConcurrentLinkedQueue<>();
	private static volatile boolean installed;

	@Override
	public void beforeAll(ExtensionContext context) {
		installBlockHound();
		assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
	}

	public static synchronized void installBlockHound() {
		if (!installed) {
			// builder() starts without integrations: add the ServiceLoader ones (Netty's marks
			// its event loop threads non-blocking, Reactor's its schedulers), as install() would.
			BlockHound.Builder builder = BlockHound.builder();
			List<BlockHoundIntegration> integrations = new ArrayList<>();
			ServiceLoader.load(BlockHoundIntegration.class).forEach(integrations::add);
			Collections.sort(integrations);
			integrations.forEach(builder::with);
			// Netty 4.2's io_uring loop spins (Thread.onSpinWait) on its own thread while it closes
			// its wakeup gate, by design; its BlockHound integration does not allow it yet
			builder.allowBlockingCallsInside("io.netty.channel.uring.IoUringIoHandler", "closeWakeupGate");
			builder.blockingMethodCallback(method -> {
						StringBuilder where = new StringBuilder();
						for (StackTraceElement e : new Throwable().getStackTrace()) {
							where.append("\n\tat ").append(e);
						}
						BLOCKING_CALLS.add(method + " on " + Thread.currentThread().getName() + where);
						throw new BlockingOperationError(method);
					})
					.install();
			installed = true;
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		List<String> leaks = collectLeaks();
		List<String> blocking = drainBlockingCalls();
		assertThat(leaks).as("ByteBuf leaks reported by Netty's detector in " + context.getDisplayName()).isEmpty();
		assertThat(blocking).as("blocking calls on non-blocking threads in " + context.getDisplayName()).isEmpty();
	}

	/** Runs GC and allocates tracked buffers so the detector polls its queue; returns the leaks. */
	public static List<String> collectLeaks() {
		for (int i = 0; i < 5; i++) {
			System.gc();
			System.runFinalization();
			for (int j = 0; j < 8; j++) {
				ByteBuf a = PooledByteBufAllocator.DEFAULT.buffer(16);
				a.release();
				ByteBuf b = UnpooledByteBufAllocator.DEFAULT.buffer(16);
				b.release();
				ByteBuf c = PooledByteBufAllocator.DEFAULT.directBuffer(16);
				c.release();
			}
		}
		return LeakRecordingDetector.drain();
	}

	public static List<String> drainBlockingCalls() {
		List<String> out = new ArrayList<>();
		String call;
		while ((call = BLOCKING_CALLS.poll()) != null) {
			out.add(call);
		}
		return out;
	}
}
