package io.reactoreager.netty;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;

/**
 * Reactive Streams TCK for the pending Monos of {@link NettyEager#from}: each publisher is a
 * future still in flight, completed afterwards on an event loop (empty for 0 elements, a value for 1).
 */
public class NettyEagerPublisherTckTest extends PublisherVerification<Long> {

	private final EventLoop loop = new DefaultEventLoop();

	public NettyEagerPublisherTckTest() {
		super(new TestEnvironment(2_000));
	}

	@Override
	public Publisher<Long> createPublisher(long elements) {
		Promise<Long> promise = loop.newPromise();
		Publisher<Long> publisher = NettyEager.from(promise);
		loop.execute(() -> promise.trySuccess(elements == 0 ? null : elements));
		return publisher;
	}

	@Override
	public Publisher<Long> createFailedPublisher() {
		Promise<Long> promise = loop.newPromise();
		Publisher<Long> publisher = NettyEager.from(promise);
		loop.execute(() -> promise.tryFailure(new IOException("failed future")));
		return publisher;
	}

	@Override
	public long maxElementsFromPublisher() {
		return 1;
	}

	@AfterClass
	public void stopLoop() {
		loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
	}

	/** The resolved Monos of done futures pass too. */
	public static class Resolved extends PublisherVerification<Long> {
		public Resolved() {
			super(new TestEnvironment(2_000));
		}

		@Override
		public Publisher<Long> createPublisher(long elements) {
			return NettyEager.from(ImmediateEventExecutor.INSTANCE.newSucceededFuture(elements == 0 ? null : elements));
		}

		@Override
		public Publisher<Long> createFailedPublisher() {
			return NettyEager.from(ImmediateEventExecutor.INSTANCE.<Long>newFailedFuture(new IOException("failed")));
		}

		@Override
		public long maxElementsFromPublisher() {
			return 1;
		}
	}
}
