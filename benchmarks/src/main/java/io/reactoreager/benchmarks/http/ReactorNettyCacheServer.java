package io.reactoreager.benchmarks.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * Load-test server (3): reactor-netty's {@link HttpServer}, the server WebFlux runs on (WebFlux
 * adds its own layers on top, so this is an upper bound for a WebFlux app). Cache hit: the cached
 * array wrapped and sent with {@code sendObject}, which reactor-netty writes as one full response
 * with a {@code Content-Length}. Cache miss: reactor-netty's {@link HttpClient} on the same loop
 * resources, with a pool of the same size as our client's, the body aggregated to a byte array
 * (as our client does) and sent as one full response.
 *
 * <p>Runs on the event loop group of the {@code --transport=} option, like the other servers
 * (reactor-netty detects its transport from the group).
 *
 * <p>Usage: {@code ReactorNettyCacheServer <port> <backendPort> <ioThreads> [--transport=nio|epoll|io_uring|auto]}.
 */
public final class ReactorNettyCacheServer {

	private ReactorNettyCacheServer() {}

	public static void main(String[] args) throws InterruptedException {
		int port = CacheData.intArg(args, 0, 8083);
		int backendPort = CacheData.intArg(args, 1, 8090);
		int ioThreads = CacheData.intArg(args, 2, 1);

		EventLoopGroup loops = CacheData.transport(args).newEventLoopGroup(ioThreads);
		ConnectionProvider pool = ConnectionProvider.builder("rn-bench")
				.maxConnections(64)
				.pendingAcquireMaxCount(4096)
				.build();
		HttpClient client = HttpClient.create(pool)
				.runOn(loops)
				.option(ChannelOption.TCP_NODELAY, true)
				.baseUrl("http://127.0.0.1:" + backendPort);

		DisposableServer server = HttpServer.create()
				.host("127.0.0.1")
				.port(port)
				.runOn(loops)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.handle((req, res) -> {
					String uri = req.uri();
					if (uri.startsWith(CacheData.CACHE_PREFIX)) {
						byte[] body = CacheData.lookup(CacheData.key(uri, CacheData.CACHE_PREFIX));
						if (body == null) {
							return res.status(HttpResponseStatus.NOT_FOUND).send();
						}
						return res.header(HttpHeaderNames.CONTENT_TYPE, CacheData.CONTENT_TYPE)
								.sendObject(Unpooled.wrappedBuffer(body));
					}
					if (uri.startsWith(CacheData.MISS_PREFIX)) {
						Mono<byte[]> backend = client.get()
								.uri(CacheData.ITEM_PREFIX + CacheData.key(uri, CacheData.MISS_PREFIX))
								.responseSingle((r, bytes) -> bytes.asByteArray());
						return res.header(HttpHeaderNames.CONTENT_TYPE, CacheData.CONTENT_TYPE)
								.send(backend.map(Unpooled::wrappedBuffer));
					}
					return res.status(HttpResponseStatus.NOT_FOUND).send();
				})
				.bindNow();

		ServerMain.runUntilShutdown("reactor-netty", port, () -> {
			server.disposeNow(Duration.ofSeconds(2));
			pool.disposeLater().block(Duration.ofSeconds(2));
			loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
		});
	}
}
