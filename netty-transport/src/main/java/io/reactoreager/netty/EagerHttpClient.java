package io.reactoreager.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.AbstractChannelPoolMap;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.ChannelPoolMap;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * An HTTP/1.1 client on Netty whose calls return <b>pending</b> Monos: the exchange starts when
 * the method is called (like {@code Eager.start}), suspends on real I/O, and completes on the
 * channel's event loop, where eager operators chained on it continue inline. Wrap a call in
 * {@code Mono.defer} for a lazy one.
 *
 * <p>Each host:port gets a bounded pool ({@link FixedChannelPool}) of keep-alive connections;
 * callers beyond the bound wait for a connection up to the acquire timeout. Connect and response
 * timeouts fail the Mono with the cause. Cancelling the Mono (every observer cancelling) abandons
 * the exchange: a channel that already carries the request is closed, one that does not is
 * returned to the pool, and a channel is always returned exactly once. Response bodies are
 * aggregated up to a limit, copied into the {@link EagerHttpClientResponse}, and the Netty
 * response is released exactly once on the event loop.
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
    private final ChannelPoolMap<InetSocketAddress, FixedChannelPool> pools;
    private final long responseTimeoutNanos;
    /** Every connection the pools opened, so close() can close them without blocking. */
    private final ChannelGroup channels = new DefaultChannelGroup("eager-http-client", GlobalEventExecutor.INSTANCE);
    private volatile boolean closed;

    private EagerHttpClient(Builder b) {
        NettyEagerPolicy.autoInstall();
        this.ownsGroup = b.group == null;
        this.transport = NettyTransport.select(b.transport, b.group);
        this.group = ownsGroup ? transport.newEventLoopGroup(b.ioThreads) : b.group;
        this.responseTimeoutNanos = b.responseTimeout.toNanos();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.socketChannelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, b.connectTimeout.toMillis()));
        int maxBody = b.maxResponseBodySize;
        AbstractChannelPoolHandler handler = new AbstractChannelPoolHandler() {
            @Override
            public void channelCreated(Channel ch) {
                channels.add(ch);
                ch.pipeline().addLast("codec", new HttpClientCodec())
                        .addLast("aggregator", new HttpObjectAggregator(maxBody))
                        .addLast("exchange", new ClientChannelHandler());
            }
        };
        int maxConnections = b.maxConnectionsPerHost;
        int maxPending = b.maxPendingAcquires;
        long acquireTimeoutMillis = Math.max(1, b.acquireTimeout.toMillis());
        this.pools = new AbstractChannelPoolMap<>() {
            @Override
            protected FixedChannelPool newPool(InetSocketAddress key) {
                return new FixedChannelPool(bootstrap.clone().remoteAddress(key), handler,
                        ChannelHealthChecker.ACTIVE, FixedChannelPool.AcquireTimeoutAction.FAIL, acquireTimeoutMillis,
                        maxConnections, maxPending, true, true);
            }
        };
    }

    /** @return a client with the defaults of {@link #builder()} */
    public static EagerHttpClient create() {
        return builder().build();
    }

    /** @return a builder: 8 connections per host, 1024 waiting acquires, 5 s connect, 10 s acquire,
     *     30 s response timeouts, 8 MiB response bodies */
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
        FixedChannelPool pool = pools.get(InetSocketAddress.createUnresolved(parsed.getHost(), port));
        ClientExchange exchange = new ClientExchange(pool, method, target, host, headers, body, responseTimeoutNanos);
        return NettyEager.from(exchange.start());
    }

    /**
     * Closes every pooled connection (failing the exchanges they carry) and, when the client
     * created it, its event loop group. It never blocks: Netty's {@code ChannelPool#close} waits
     * for each channel to close, so the channels are closed here directly instead.
     *
     * @return a pending Mono that completes when the connections (and owned group) are closed
     */
    public Mono<Void> closeGracefully() {
        closed = true;
        Promise<Void> done = ImmediateEventExecutor.INSTANCE.newPromise();
        channels.close().addListener(all -> {
            if (ownsGroup) {
                group.shutdownGracefully(0, 0, TimeUnit.SECONDS).addListener(f -> done.trySuccess(null));
            } else {
                done.trySuccess(null);
            }
        });
        return NettyEager.from(done);
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
        private int maxPendingAcquires = 1024;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration acquireTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(30);
        private int maxResponseBodySize = 8 << 20;
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
         * @param max callers allowed to wait for a connection per host before failing, ≥ 1
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
