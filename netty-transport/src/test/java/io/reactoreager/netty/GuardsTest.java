package io.reactoreager.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.reactoreager.netty.testing.NettyGuardsExtension;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;

/** The guards every test class runs under are real: they catch what they claim to catch. */
class GuardsTest {

	@Test
	void blockHoundRejectsABlockingCallOnAnEventLoop() throws Exception {
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		try {
			Throwable failure = null;
			try {
				group.submit(Thread::yield).get(10, TimeUnit.SECONDS);
			} catch (ExecutionException e) {
				failure = e.getCause();
			}
			assertThat(failure).isInstanceOf(BlockingOperationError.class);
			assertThat(NettyGuardsExtension.drainBlockingCalls()).hasSize(1);
		} finally {
			group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
		}
	}

	@Test
	void leakDetectorRecordsAnUnreleasedBuffer() {
		leakOneBuffer();
		assertThat(NettyGuardsExtension.collectLeaks()).isNotEmpty();
	}

	private static void leakOneBuffer() {
		ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(32);
		leaked.writeInt(42); // never released
	}
}
