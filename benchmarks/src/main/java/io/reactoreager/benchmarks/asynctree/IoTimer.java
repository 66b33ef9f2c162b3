package io.reactoreager.benchmarks.asynctree;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The mock I/O of the async_tree port: a task scheduled on one Netty NIO event loop, the place
 * where a real reactor-eager service suspends. A leaf that awaits I/O returns to its caller at
 * once and is completed later on the event loop thread, as {@code await asyncio.sleep(...)} is
 * in the original; nothing here ever blocks a thread.
 */
public final class IoTimer implements AutoCloseable {
	private final EventLoopGroup group;
	private final EventLoop loop;
	private final long delayNanos;

	/** One event loop thread (a daemon) whose timer fires after {@code delayMicros}. */
	public IoTimer(long delayMicros) {
		this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("async-tree-io", true),
				NioIoHandler.newFactory());
		this.loop = group.next();
		this.delayNanos = TimeUnit.MICROSECONDS.toNanos(delayMicros);
	}

	/** Runs {@code completion} on the event loop after the delay. */
	public ScheduledFuture<?> schedule(Runnable completion) {
		return loop.schedule(completion, delayNanos, TimeUnit.NANOSECONDS);
	}

	/** A Netty future that succeeds with {@code value} on the event loop after the delay. */
	public <V> ScheduledFuture<V> schedule(Callable<V> value) {
		return loop.schedule(value, delayNanos, TimeUnit.NANOSECONDS);
	}

	/** The event loop the timers fire on. */
	public EventLoop eventLoop() {
		return loop;
	}

	@Override
	public void close() {
		group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}
}
