package io.reactoreager.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A small bootstrap for an HTTP/1.1 server whose handler returns a {@code Mono}:
 *
 * <pre>{@code
 * BoundEagerHttpServer server = EagerHttpServer.create()
 *     .port(8080)
 *     .handler(request -> Mono.just(EagerHttpResponse.ok("hello")))
 *     .bindNow();
 * }</pre>
 *
 * <p>Each connection gets the pipeline {@link #channelInitializer()} describes (strict decoder,
 * encoder, idle and header timeouts, request aggregator, {@link EagerHttpServerHandler});
 * {@link #channelInitializer()} hands it to a bootstrap of your own. See {@link EagerHttpServerHandler} for what happens to resolved, pending
 * and lazy handler Monos, pipelining and bad input.
 *
 * <p>Fairness: {@link #bind()} and {@link #channelInitializer()} install {@link NettyEagerPolicy}
 * (idempotent, JVM-wide), so a spent fairness budget on an event loop yields to that loop; opt out
 * with {@code -Dreactor.eager.netty.budget=false} or {@code NettyEagerPolicy.setAutoInstall(false)}.
 *
 * <p>This builder is mutable and not thread-safe: configure it, then bind. Binding reads the
 * settings once; later changes do not affect a bound server.
 */
public final class EagerHttpServer {

	private String host = "0.0.0.0";
	private int port;
	private Function<? super EagerHttpRequest, ? extends Mono<EagerHttpResponse>> handler;
	private int maxInFlight = 16;
	private int maxInitialLineLength = 4096;
	private int maxHeaderSize = 8192;
	private int maxBodySize = 1 << 20;
	private Duration idleTimeout = Duration.ofSeconds(60);
	private Duration headerTimeout = Duration.ofSeconds(60);
	private EagerHttpResponse emptyResponse = EagerHttpResponse.notFound();
	private EventLoopGroup group;
	private int ioThreads;
	private NettyTransport transport;

	private EagerHttpServer() {}

	/** @return a server builder with defaults: port 0 (ephemeral), 16 requests in flight per
	 *     connection, 4 KiB request line, 8 KiB headers, 1 MiB body, 60 s idle timeout, 60 s header
	 *     timeout, 404 for empty */
	public static EagerHttpServer create() {
		return new EagerHttpServer();
	}

	/**
	 * @param host the address to listen on; not null
	 * @return this
	 */
	public EagerHttpServer host(String host) {
		this.host = Objects.requireNonNull(host, "host");
		return this;
	}

	/**
	 * @param port the port, 0 for an ephemeral one
	 * @return this
	 * @throws IllegalArgumentException outside 0..65535
	 */
	public EagerHttpServer port(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be 0..65535, was " + port);
		}
		this.port = port;
		return this;
	}

	/**
	 * @param handler answers each request; it may return a resolved, pending or lazy Mono; not null
	 * @return this
	 */
	public EagerHttpServer handler(Function<? super EagerHttpRequest, ? extends Mono<EagerHttpResponse>> handler) {
		this.handler = Objects.requireNonNull(handler, "handler");
		return this;
	}

	/**
	 * @param maxInFlight handler Monos running at once per connection (pipelining depth), ≥ 1
	 * @return this
	 */
	public EagerHttpServer maxInFlightPerConnection(int maxInFlight) {
		this.maxInFlight = positive(maxInFlight, "maxInFlight");
		return this;
	}

	/**
	 * @param bytes the longest request line accepted (longer: 414), ≥ 1
	 * @return this
	 */
	public EagerHttpServer maxInitialLineLength(int bytes) {
		this.maxInitialLineLength = positive(bytes, "maxInitialLineLength");
		return this;
	}

	/**
	 * @param bytes the largest header block accepted (larger: 431), ≥ 1
	 * @return this
	 */
	public EagerHttpServer maxHeaderSize(int bytes) {
		this.maxHeaderSize = positive(bytes, "maxHeaderSize");
		return this;
	}

	/**
	 * @param bytes the largest request body accepted (larger: 413), ≥ 0
	 * @return this
	 */
	public EagerHttpServer maxBodySize(int bytes) {
		if (bytes < 0) {
			throw new IllegalArgumentException("maxBodySize must be >= 0, was " + bytes);
		}
		this.maxBodySize = bytes;
		return this;
	}

	/**
	 * @param timeout how long a connection may go without a decoded request head or body bytes
	 *     before it is closed, checked when it owes no response (idle keep-alive connections, and
	 *     request bodies that stopped coming); zero disables; not null, not negative
	 * @return this
	 */
	public EagerHttpServer idleTimeout(Duration timeout) {
		this.idleTimeout = nonNegative(timeout, "idleTimeout");
		return this;
	}

	/**
	 * @param timeout how long a request head may take from its first bytes to its end (like nginx's
	 *     {@code client_header_timeout}); bytes trickling in do not extend it; zero disables; not
	 *     null, not negative
	 * @return this
	 */
	public EagerHttpServer headerTimeout(Duration timeout) {
		this.headerTimeout = nonNegative(timeout, "headerTimeout");
		return this;
	}

	/**
	 * @param response what to answer when the handler's Mono completes empty (default 404); not null
	 * @return this
	 */
	public EagerHttpServer emptyResponse(EagerHttpResponse response) {
		this.emptyResponse = Objects.requireNonNull(response, "response");
		return this;
	}

	/**
	 * Runs on an event loop group of yours (not shut down by the server), with its transport.
	 * Without it the server creates and owns a group of {@link #transport(NettyTransport)}.
	 *
	 * @param group the group; not null
	 * @return this
	 */
	public EagerHttpServer eventLoopGroup(EventLoopGroup group) {
		this.group = Objects.requireNonNull(group, "group");
		return this;
	}

	/**
	 * @param threads threads of the owned event loop group, ≥ 1 (default: Netty's, 2 × cores)
	 * @return this
	 */
	public EagerHttpServer ioThreads(int threads) {
		this.ioThreads = positive(threads, "ioThreads");
		return this;
	}

	/**
	 * Forces a transport for the event loop group the server creates; without it the server runs
	 * on {@link NettyTransport#preferred()} (epoll, else io_uring, else NIO). With
	 * {@link #eventLoopGroup(EventLoopGroup)} the group's own transport is used.
	 *
	 * @param transport the transport; not null
	 * @return this
	 */
	public EagerHttpServer transport(NettyTransport transport) {
		this.transport = Objects.requireNonNull(transport, "transport");
		return this;
	}

	/**
	 * The per-connection pipeline, one job per handler, in order: {@code decoder}
	 * ({@link StrictRequestDecoder}: HTTP/1.1 parsing with the RFC 9112 request rules),
	 * {@code encoder} ({@link EagerResponseEncoder}), {@code idle} (Netty's
	 * {@code IdleStateHandler}, reader idle time = the idle timeout), {@code header-timeout}
	 * ({@link HeaderTimeoutHandler}), {@code aggregator} ({@link EagerRequestAggregator}: heads
	 * and contents to one request, body limits) and {@code eager} ({@link EagerHttpServerHandler}:
	 * handler Monos, order, backpressure, keep-alive). A zero timeout leaves its handler out.
	 *
	 * @return the initializer
	 */
	public ChannelInitializer<Channel> channelInitializer() {
		ServerOptions options = options();
		NettyEagerPolicy.autoInstall();
		HttpDecoderConfig decoderConfig = decoderConfig();
		return new ChannelInitializer<>() {
			@Override
			protected void initChannel(Channel ch) {
				ChannelPipeline pipeline = ch.pipeline();
				pipeline.addLast("decoder", new StrictRequestDecoder(decoderConfig, options.maxBodySize()))
						.addLast("encoder", new EagerResponseEncoder());
				if (options.idleTimeoutNanos() > 0) {
					pipeline.addLast("idle", new IdleStateHandler(options.idleTimeoutNanos(), 0, 0, TimeUnit.NANOSECONDS));
				}
				if (options.headerTimeoutNanos() > 0) {
					pipeline.addLast("header-timeout", new HeaderTimeoutHandler(options.headerTimeoutNanos()));
				}
				pipeline.addLast("aggregator", new EagerRequestAggregator(options.maxBodySize()))
						.addLast("eager", new EagerHttpServerHandler(options));
			}
		};
	}

	/**
	 * Binds and waits for the bind to finish. Call it from a main thread or a test, never from an
	 * event loop.
	 *
	 * @return the running server
	 */
	public BoundEagerHttpServer bindNow() {
		return bind().block();
	}

	/**
	 * Binds; the Mono is pending until the listening socket is bound.
	 *
	 * @return the running server, once bound
	 */
	public Mono<BoundEagerHttpServer> bind() {
		Objects.requireNonNull(handler, "handler (call handler(...) before binding)");
		NettyEagerPolicy.autoInstall();
		boolean owned = group == null;
		NettyTransport io = NettyTransport.select(transport, group);
		EventLoopGroup loops = owned ? io.newEventLoopGroup(ioThreads) : group;
		ChannelGroup connections = new DefaultChannelGroup("eager-http-connections", GlobalEventExecutor.INSTANCE);
		ChannelInitializer<Channel> pipeline = channelInitializer();
		ServerBootstrap bootstrap = new ServerBootstrap()
				.group(loops)
				.channel(io.serverChannelType())
				.option(ChannelOption.SO_BACKLOG, 1024)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<>() {
					@Override
					protected void initChannel(Channel ch) {
						connections.add(ch);
						ch.pipeline().addLast(pipeline);
					}
				});
		ChannelFuture bound = bootstrap.bind(host, port);
		return NettyEager.from(bound)
				.then(Mono.fromSupplier(() -> new BoundEagerHttpServer(bound.channel(), connections, owned ? loops : null)))
				.onErrorResume(e -> {
					if (owned) {
						loops.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
					}
					return Mono.error(e);
				});
	}

	ServerOptions options() {
		Objects.requireNonNull(handler, "handler (call handler(...) before binding)");
		return new ServerOptions(handler, maxInFlight, maxInitialLineLength, maxHeaderSize, maxBodySize,
				idleTimeout.toNanos(), headerTimeout.toNanos(), emptyResponse);
	}

	private HttpDecoderConfig decoderConfig() {
		return new HttpDecoderConfig()
				.setMaxInitialLineLength(maxInitialLineLength)
				.setMaxHeaderSize(maxHeaderSize)
				.setMaxChunkSize(8192)
				.setValidateHeaders(true)
				.setStrictLineParsing(true)
				.setAllowDuplicateContentLengths(false);
	}

	private static Duration nonNegative(Duration timeout, String name) {
		Objects.requireNonNull(timeout, name);
		if (timeout.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, was " + timeout);
		}
		return timeout;
	}

	private static int positive(int value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be >= 1, was " + value);
		}
		return value;
	}
}
