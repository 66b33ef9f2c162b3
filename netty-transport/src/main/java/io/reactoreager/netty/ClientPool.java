package io.reactoreager.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.ChannelPoolHandler;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.util.concurrent.Future;
import java.net.ConnectException;
import java.util.concurrent.RejectedExecutionException;

/**
 * The keep-alive connections of one {@link EagerHttpClient} to one host:port: Netty's
 * {@link FixedChannelPool} (at most {@code maxConnectionsPerHost} in use, waiting callers time
 * out), whose new connections also take a permit of the client-wide cap
 * ({@link ClientConnections}), and whose idle connections expire.
 *
 * <p>A connection is handed out only while it is open and has idled less than
 * {@code maxIdleTime}; one that failed a protocol check is closed by {@link ClientChannelHandler}
 * before it comes back, so it is never handed out again.
 */
final class ClientPool extends FixedChannelPool {

	private final ClientConnections connections;

	ClientPool(Bootstrap bootstrap, ClientConnections connections, HttpDecoderConfig decoder, int maxBodySize,
			   long acquireTimeoutMillis, int maxConnectionsPerHost, int maxPendingAcquires) {
		super(bootstrap, new Handler(connections, decoder, maxBodySize), new HealthCheck(connections),
				AcquireTimeoutAction.FAIL, acquireTimeoutMillis, maxConnectionsPerHost, maxPendingAcquires, true, true);
		this.connections = connections;
	}

	/** A new connection needs a permit of the client-wide cap; without one the acquire fails with {@code CAP_REACHED}. */
	@Override
	protected ChannelFuture connectChannel(Bootstrap bs) {
		if (connections.closed) {
			throw new IllegalStateException("the client is closed");
		}
		Runnable release = connections.tryReserve();
		if (release == null) {
			connections.evictOneIdle();
			// SimpleChannelPool fails the acquire with it; ClientExchange waits for a permit.
			throw ClientConnections.CAP_REACHED;
		}
		ChannelFuture connected;
		try {
			connected = super.connectChannel(bs);
		} catch (RuntimeException | Error e) {
			release.run();
			throw e;
		}
		if (connected.isDone() && !connected.isSuccess()) {
			release.run();
			return connected;
		}
		// The permit comes back when the connection closes, or at once when it never opened.
		Channel ch = connected.channel();
		ChannelPromise outcome = ch.newPromise();
		connected.addListener(done -> {
			if (done.isSuccess()) {
				outcome.trySuccess();
			} else {
				release.run();
				outcome.tryFailure(done.cause());
			}
		});
		// Closed while it resolves or connects (the client closing): Bootstrap would never
		// complete the connect, so the call fails here. One loop turn later, so that a failure
		// Bootstrap reports as it closes the channel (an unknown host) is the one seen.
		ch.closeFuture().addListener(closed -> {
			release.run();
			if (!outcome.isDone()) {
				Runnable fail = () -> outcome.tryFailure(new ConnectException("connection closed before it was established"));
				try {
					ch.eventLoop().execute(fail);
				} catch (RejectedExecutionException shutDown) {
					fail.run();
				}
			}
		});
		return outcome;
	}

	/** Builds each connection's pipeline and marks connections idle or in use. */
	private static final class Handler implements ChannelPoolHandler {
		private final ClientConnections connections;
		private final HttpDecoderConfig decoder;
		private final int maxBodySize;

		Handler(ClientConnections connections, HttpDecoderConfig decoder, int maxBodySize) {
			this.connections = connections;
			this.decoder = decoder;
			this.maxBodySize = maxBodySize;
		}

		@Override
		public void channelCreated(Channel ch) {
			connections.channels.add(ch);
			ch.pipeline().addLast("codec", new HttpClientCodec(decoder, false, false))
					.addLast("exchange", new ClientChannelHandler(maxBodySize));
		}

		@Override
		public void channelAcquired(Channel ch) {
			ch.pipeline().get(ClientChannelHandler.class).pooled = false;
		}

		@Override
		public void channelReleased(Channel ch) {
			ClientChannelHandler handler = ch.pipeline().get(ClientChannelHandler.class);
			if (handler != null) {
				handler.idleSince = System.nanoTime();
				handler.pooled = true;
			}
			if (connections.waiting() > 0) {
				// Calls wait for the client-wide cap: this idle connection's permit is theirs.
				ch.close();
			}
		}
	}

	/** Open, and (when idle in the pool) idle for less than {@code maxIdleTime}. */
	private static final class HealthCheck implements ChannelHealthChecker {
		private final ClientConnections connections;

		HealthCheck(ClientConnections connections) {
			this.connections = connections;
		}

		@Override
		public Future<Boolean> isHealthy(Channel ch) {
			ClientChannelHandler handler = ch.pipeline().get(ClientChannelHandler.class);
			boolean healthy = ch.isActive() && handler != null
					&& !(handler.pooled && connections.expired(handler.idleSince, System.nanoTime()));
			return ch.eventLoop().newSucceededFuture(healthy);
		}
	}
}
