package io.reactoreager.netty;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * A bound {@link EagerHttpServer}: its address, and its graceful shutdown.
 *
 * <p>{@link #shutdownGracefully(Duration)}: the listening socket closes first (no new
 * connection is accepted); each open connection stops reading, writes the responses it still owes
 * (the last with {@code Connection: close}) and closes; a connection that owes nothing closes at
 * once. Connections still open at the deadline are closed, which cancels their handler Monos.
 * Then the event loop group the server owns is shut down.
 */
public final class BoundEagerHttpServer implements AutoCloseable {

	private final Channel serverChannel;
	private final ChannelGroup connections;
	private final EventLoopGroup ownedGroup;
	private final Promise<Void> terminated = ImmediateEventExecutor.INSTANCE.newPromise();
	private boolean shutdownStarted;

	BoundEagerHttpServer(Channel serverChannel, ChannelGroup connections, EventLoopGroup ownedGroup) {
		this.serverChannel = serverChannel;
		this.connections = connections;
		this.ownedGroup = ownedGroup;
	}

	/** @return the listening channel */
	Channel channel() {
		return serverChannel;
	}

	/** @return the bound socket address */
	public InetSocketAddress address() {
		return (InetSocketAddress) serverChannel.localAddress();
	}

	/** @return the bound port */
	public int port() {
		return address().getPort();
	}

	/** The open connections (for tests: their handlers' state is read on their event loops). */
	ChannelGroup connections() {
		return connections;
	}

	/** @return the number of open connections */
	public int connectionCount() {
		return connections.size();
	}

	/**
	 * Starts the graceful shutdown (once; later calls return the same outcome).
	 *
	 * @param deadline how long in-flight responses may take before their connections are
	 *     closed; not null, not negative
	 * @return a pending Mono that completes when everything is closed and the owned group is
	 *     terminated
	 */
	public Mono<Void> shutdownGracefully(Duration deadline) {
		Objects.requireNonNull(deadline, "deadline");
		if (deadline.isNegative()) {
			throw new IllegalArgumentException("deadline must not be negative, was " + deadline);
		}
		synchronized (this) {
			if (!shutdownStarted) {
				shutdownStarted = true;
				serverChannel.close().addListener(closed -> drainConnections(deadline));
			}
		}
		return NettyEager.from(terminated);
	}

	private void drainConnections(Duration deadline) {
		for (Channel connection : connections) {
			connection.eventLoop().execute(() -> {
				EagerHttpServerHandler handler = connection.pipeline().get(EagerHttpServerHandler.class);
				if (handler != null) {
					handler.drainGracefully();
				} else {
					connection.close();
				}
			});
		}
		ScheduledFuture<?> force = GlobalEventExecutor.INSTANCE.schedule(
				() -> {
					connections.close();
				}, deadline.toNanos(), TimeUnit.NANOSECONDS);
		connections.newCloseFuture().addListener(allClosed -> {
			force.cancel(false);
			if (ownedGroup == null) {
				terminated.trySuccess(null);
			} else {
				Future<?> shutdown = ownedGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
				shutdown.addListener(done -> terminated.trySuccess(null));
			}
		});
	}

	/** Shuts down gracefully with a 10 second deadline and waits for it; not for event loops. */
	@Override
	public void close() {
		shutdownGracefully(Duration.ofSeconds(10)).block();
	}
}
