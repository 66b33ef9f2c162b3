package io.reactoreager.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.pool.AbstractChannelPoolMap;
import io.netty.channel.pool.ChannelPoolMap;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProvider;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * An HTTP/1.1 client on Netty whose calls return <b>pending</b> Monos: the exchange starts when
 * the method is called (like {@code Eager.start}), suspends on real I/O, and completes on the
 * channel's event loop, where eager operators chained on it continue inline. Wrap a call in
 * {@code Mono.defer} for a lazy one.
 *
 * <p>Each host:port gets a bounded pool ({@code FixedChannelPool}) of keep-alive connections,
 * and all of them together are capped; callers beyond a bound wait for a connection up to the
 * acquire timeout. A connection idle longer than {@code maxIdleTime} is closed. Host names are
 * resolved by Netty's non-blocking DNS resolver, never on the event loop by a blocking lookup.
 * Connect and response timeouts fail the Mono with the cause. Cancelling the Mono (every
 * observer cancelling) abandons the exchange: a channel that already carries the request is
 * closed, one that does not is returned to the pool, and a channel is always returned exactly
 * once.
 *
 * <p>The client never makes up a response: a response that does not decode (a head cut short, a
 * header block over {@code maxResponseHeaderSize}, an invalid chunk), a body over
 * {@code maxResponseBodySize}, or a connection that closes before the last byte fails the call
 * with the cause named, and its connection is closed, never reused. Response bodies are copied
 * into the {@link EagerHttpClientResponse} as they arrive, and every Netty message is released
 * exactly once on the event loop.
 *
 * <pre>{@code
 * EagerHttpClient client = EagerHttpClient.builder().maxConnectionsPerHost(8).build();
 * Mono<String> body = client.get("http://127.0.0.1:8080/users/7")
 *     .transform(Eager.map(EagerHttpClientResponse::bodyAsString));
 * }</pre>
 *
 * <p>Fairness: creating a client installs {@link NettyEagerPolicy} (idempotent, JVM-wide), so a
 * spent fairness budget on an event loop yields to that loop; opt out with
 * {@code -Dreactor.eager.netty.budget=false} or {@code NettyEagerPolicy.setAutoInstall(false)}.
 */
public final class EagerHttpClient implements AutoCloseable {

	private final EventLoopGroup group;
	private final boolean ownsGroup;
	private final NettyTransport transport;
	private final AddressResolverGroup<? extends SocketAddress> resolver;
	private final boolean ownsResolver;
	private final ChannelPoolMap<InetSocketAddress, ClientPool> pools;
	private final ClientConnections connections;
	private final ScheduledFuture<?> idleSweep;
	private final long responseTimeoutNanos;
	private final long acquireTimeoutNanos;
	private volatile boolean closed;

	private EagerHttpClient(Builder b) {
		NettyEagerPolicy.autoInstall();
		this.ownsGroup = b.group == null;
		this.transport = NettyTransport.select(b.transport, b.group);
		this.group = ownsGroup ? transport.newEventLoopGroup(b.ioThreads) : b.group;
		this.ownsResolver = b.resolver == null;
		this.resolver = ownsResolver ? dnsResolver(transport, b.nameServers, b.dnsQueryTimeout) : b.resolver;
		this.responseTimeoutNanos = b.responseTimeout.toNanos();
		this.acquireTimeoutNanos = b.acquireTimeout.toNanos();
		this.connections = new ClientConnections(b.maxConnections, b.maxIdleTime.toNanos(), b.maxPendingAcquires);
		Bootstrap bootstrap = new Bootstrap()
				.group(group)
				.channel(transport.socketChannelType())
				.resolver(resolver)
				.option(ChannelOption.TCP_NODELAY, true)
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, b.connectTimeout.toMillis()));
		HttpDecoderConfig decoder = new HttpDecoderConfig()
				.setMaxInitialLineLength(b.maxInitialLineLength)
				.setMaxHeaderSize(b.maxResponseHeaderSize)
				.setMaxChunkSize(8192)
				.setAllowDuplicateContentLengths(false);
		int maxBody = b.maxResponseBodySize;
		int perHost = b.maxConnectionsPerHost;
		int maxPending = b.maxPendingAcquires;
		long acquireTimeoutMillis = Math.max(1, b.acquireTimeout.toMillis());
		this.pools = new AbstractChannelPoolMap<>() {
			@Override
			protected ClientPool newPool(InetSocketAddress key) {
				return new ClientPool(bootstrap.clone().remoteAddress(key), connections, decoder, maxBody,
						acquireTimeoutMillis, perHost, maxPending);
			}
		};
		long sweepNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(50), Math.min(b.maxIdleTime.toNanos() / 2, TimeUnit.SECONDS.toNanos(5)));
		this.idleSweep = group.next().scheduleWithFixedDelay(connections, sweepNanos, sweepNanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Netty's non-blocking DNS resolver on the client's event loops (one per loop), over the
	 * transport's datagram channel, with the platform's name servers, {@code /etc/hosts} and
	 * search domains: a lookup never blocks an event loop.
	 */
	private static AddressResolverGroup<? extends SocketAddress> dnsResolver(NettyTransport transport,
			DnsServerAddressStreamProvider nameServers, Duration queryTimeout) {
		DnsNameResolverBuilder dns = new DnsNameResolverBuilder()
				.datagramChannelType(transport.datagramChannelType())
				.socketChannelType(transport.socketChannelType())
				.nameServerProvider(nameServers != null ? nameServers : DnsServerAddressStreamProviders.platformDefault());
		if (queryTimeout != null) {
			dns.queryTimeoutMillis(queryTimeout.toMillis());
		}
		return new DnsAddressResolverGroup(dns);
	}

	/** @return a client with the defaults of {@link #builder()} */
	public static EagerHttpClient create() {
		return builder().build();
	}

	/** @return a builder: 8 connections per host, 512 in all, 30 s idle time, 1024 waiting acquires,
	 *     5 s connect, 10 s acquire, 30 s response timeouts, 4 KiB status line, 8 KiB response
	 *     headers, 8 MiB response bodies, Netty's DNS resolver */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts a GET.
	 *
	 * @param uri an absolute {@code http://} URI; not null
	 * @return a pending Mono of the response
	 */
	public Mono<EagerHttpClientResponse> get(String uri) {
		return request(HttpMethod.GET, uri, EmptyHttpHeaders.INSTANCE, new byte[0]);
	}

	/**
	 * Starts a POST with a UTF-8 text body.
	 *
	 * @param uri an absolute {@code http://} URI; not null
	 * @param body the body; not null
	 * @return a pending Mono of the response
	 */
	public Mono<EagerHttpClientResponse> post(String uri, String body) {
		Objects.requireNonNull(body, "body");
		HttpHeaders headers = new DefaultHttpHeaders().set("content-type", "text/plain; charset=UTF-8");
		return request(HttpMethod.POST, uri, headers, body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Starts a request.
	 *
	 * @param method the method; not null
	 * @param uri an absolute {@code http://} URI; not null
	 * @param headers request headers (copied when written); not null
	 * @param body the body (not copied: do not modify it afterwards); not null
	 * @return a pending Mono of the response; invalid URIs give a resolved error
	 */
	public Mono<EagerHttpClientResponse> request(HttpMethod method, String uri, HttpHeaders headers, byte[] body) {
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(uri, "uri");
		Objects.requireNonNull(headers, "headers");
		Objects.requireNonNull(body, "body");
		URI parsed;
		try {
			parsed = URI.create(uri);
		} catch (IllegalArgumentException e) {
			return Mono.error(e);
		}
		if (!"http".equalsIgnoreCase(parsed.getScheme()) || parsed.getHost() == null) {
			return Mono.error(new IllegalArgumentException("only absolute http:// URIs are supported: " + uri));
		}
		if (closed) {
			return Mono.error(new IllegalStateException("the client is closed"));
		}
		int port = parsed.getPort() == -1 ? 80 : parsed.getPort();
		String target = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
		if (parsed.getRawQuery() != null) {
			target = target + '?' + parsed.getRawQuery();
		}
		String host = parsed.getPort() == -1 ? parsed.getHost() : parsed.getHost() + ':' + port;
		ClientPool pool = pools.get(InetSocketAddress.createUnresolved(parsed.getHost(), port));
		ClientExchange exchange = new ClientExchange(pool, connections, group.next(), method, target, host, headers,
				body, responseTimeoutNanos, acquireTimeoutNanos);
		return NettyEager.from(exchange.start());
	}

	/**
	 * Closes every connection (failing the exchanges they carry), fails the calls still waiting
	 * for a connection, and closes the client's DNS resolver and, when the client created it, its
	 * event loop group. It never blocks: Netty's {@code ChannelPool#close} waits for each channel
	 * to close, so the channels are closed here directly instead.
	 *
	 * @return a pending Mono that completes when the connections (and owned group) are closed
	 */
	public Mono<Void> closeGracefully() {
		closed = true;
		idleSweep.cancel(false);
		// Calls still waiting for a connection fail: those waiting for the client-wide cap here,
		// those whose connection is still resolving or connecting as it is closed, and those
		// queued in a pool as the closed connections come back to it (a new connection is refused).
		connections.close();
		Promise<Void> done = ImmediateEventExecutor.INSTANCE.newPromise();
		connections.channels.close().addListener(all -> {
			if (ownsResolver) {
				resolver.close();
			}
			if (ownsGroup) {
				// A short quiet period lets the failures above reach their callers through the loops.
				group.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).addListener(f -> done.trySuccess(null));
			} else {
				done.trySuccess(null);
			}
		});
		return NettyEager.from(done);
	}

	/** @return the number of calls waiting for a connection under the client-wide cap */
	int waitingForConnection() {
		return connections.waiting();
	}

	/** @return the number of connections open or connecting, every host */
	int openConnections() {
		return connections.open();
	}

	/** @return the transport the client's connections run on */
	NettyTransport transport() {
		return transport;
	}

	/** Starts {@link #closeGracefully()} without waiting for it. */
	@Override
	public void close() {
		closeGracefully().subscribe(null, e -> Operators.onErrorDropped(e, Context.empty()));
	}

	/** Configures an {@link EagerHttpClient}; mutable, not thread-safe. */
	public static final class Builder {
		private int maxConnectionsPerHost = 8;
		private int maxConnections = 512;
		private Duration maxIdleTime = Duration.ofSeconds(30);
		private int maxPendingAcquires = 1024;
		private Duration connectTimeout = Duration.ofSeconds(5);
		private Duration acquireTimeout = Duration.ofSeconds(10);
		private Duration responseTimeout = Duration.ofSeconds(30);
		private int maxResponseBodySize = 8 << 20;
		private int maxResponseHeaderSize = 8192;
		private int maxInitialLineLength = 4096;
		private AddressResolverGroup<? extends SocketAddress> resolver;
		private DnsServerAddressStreamProvider nameServers;
		private Duration dnsQueryTimeout;
		private EventLoopGroup group;
		private int ioThreads;
		private NettyTransport transport;

		Builder() {}

		/**
		 * @param max connections per host:port, ≥ 1
		 * @return this
		 */
		public Builder maxConnectionsPerHost(int max) {
			this.maxConnectionsPerHost = positive(max, "maxConnectionsPerHost");
			return this;
		}

		/**
		 * @param max connections open at once to all hosts together, ≥ 1; a call that needs a new
		 *     connection at this cap closes an idle connection of another host, if there is one,
		 *     and waits up to the acquire timeout for a connection to close
		 * @return this
		 */
		public Builder maxConnections(int max) {
			this.maxConnections = positive(max, "maxConnections");
			return this;
		}

		/**
		 * @param time how long a connection may idle in its pool: after it, it is never handed out
		 *     again and is closed (within half this time, at most 5 s later); positive
		 * @return this
		 */
		public Builder maxIdleTime(Duration time) {
			this.maxIdleTime = positive(time, "maxIdleTime");
			return this;
		}

		/**
		 * @param max callers allowed to wait for a connection per host (and, separately, for the
		 *     client-wide cap) before failing, ≥ 1
		 * @return this
		 */
		public Builder maxPendingAcquires(int max) {
			this.maxPendingAcquires = positive(max, "maxPendingAcquires");
			return this;
		}

		/**
		 * @param timeout TCP connect timeout; positive
		 * @return this
		 */
		public Builder connectTimeout(Duration timeout) {
			this.connectTimeout = positive(timeout, "connectTimeout");
			return this;
		}

		/**
		 * @param timeout how long a call may wait for a pooled connection; positive
		 * @return this
		 */
		public Builder acquireTimeout(Duration timeout) {
			this.acquireTimeout = positive(timeout, "acquireTimeout");
			return this;
		}

		/**
		 * @param timeout from writing the request to the complete response; positive
		 * @return this
		 */
		public Builder responseTimeout(Duration timeout) {
			this.responseTimeout = positive(timeout, "responseTimeout");
			return this;
		}

		/**
		 * @param bytes the largest response body accepted, ≥ 1
		 * @return this
		 */
		public Builder maxResponseBodySize(int bytes) {
			this.maxResponseBodySize = positive(bytes, "maxResponseBodySize");
			return this;
		}

		/**
		 * @param bytes the largest response header block accepted (larger: the call fails with a
		 *     {@code TooLongHttpHeaderException} cause), ≥ 1
		 * @return this
		 */
		public Builder maxResponseHeaderSize(int bytes) {
			this.maxResponseHeaderSize = positive(bytes, "maxResponseHeaderSize");
			return this;
		}

		/**
		 * @param bytes the longest response status line accepted (longer: the call fails with a
		 *     {@code TooLongHttpLineException} cause), ≥ 1
		 * @return this
		 */
		public Builder maxInitialLineLength(int bytes) {
			this.maxInitialLineLength = positive(bytes, "maxInitialLineLength");
			return this;
		}

		/**
		 * Resolves host names with a resolver of yours (closed by you) instead of the client's
		 * own {@link DnsAddressResolverGroup}; it must never block the event loop.
		 *
		 * @param resolver the resolver group; not null
		 * @return this
		 */
		public Builder resolver(AddressResolverGroup<? extends SocketAddress> resolver) {
			this.resolver = Objects.requireNonNull(resolver, "resolver");
			return this;
		}

		/** The name servers and query timeout of the client's own DNS resolver (tests). */
		Builder dns(DnsServerAddressStreamProvider nameServers, Duration queryTimeout) {
			this.nameServers = Objects.requireNonNull(nameServers, "nameServers");
			this.dnsQueryTimeout = positive(queryTimeout, "queryTimeout");
			return this;
		}

		/**
		 * @param group an event loop group of yours, not shut down by the client; not null
		 * @return this
		 */
		public Builder eventLoopGroup(EventLoopGroup group) {
			this.group = Objects.requireNonNull(group, "group");
			return this;
		}

		/**
		 * Forces a transport for the event loop group the client creates; without it the client
		 * runs on {@link NettyTransport#preferred()} (epoll, else io_uring, else NIO). With
		 * {@link #eventLoopGroup(EventLoopGroup)} the group's own transport is used.
		 *
		 * @param transport the transport; not null
		 * @return this
		 */
		public Builder transport(NettyTransport transport) {
			this.transport = Objects.requireNonNull(transport, "transport");
			return this;
		}

		/**
		 * @param threads threads of the owned event loop group, ≥ 1
		 * @return this
		 */
		public Builder ioThreads(int threads) {
			this.ioThreads = positive(threads, "ioThreads");
			return this;
		}

		/** @return the client */
		public EagerHttpClient build() {
			return new EagerHttpClient(this);
		}

		private static int positive(int value, String name) {
			if (value < 1) {
				throw new IllegalArgumentException(name + " must be >= 1, was " + value);
			}
			return value;
		}

		private static Duration positive(Duration value, String name) {
			Objects.requireNonNull(value, name);
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, was " + value);
			}
			return value;
		}
	}
}
