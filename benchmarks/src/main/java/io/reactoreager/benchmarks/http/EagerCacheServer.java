package io.reactoreager.benchmarks.http;

import io.netty.channel.EventLoopGroup;
import io.reactoreager.Eager;
import io.reactoreager.EagerPolicy;
import io.reactoreager.netty.BoundEagerHttpServer;
import io.reactoreager.netty.EagerHttpClient;
import io.reactoreager.netty.EagerHttpClientResponse;
import io.reactoreager.netty.EagerHttpResponse;
import io.reactoreager.netty.EagerHttpServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Load-test server (1): our adapter, {@link EagerHttpServer}. The cache-hit endpoint answers with
 * a <b>resolved</b> {@code Mono.just(response)} built once per key (so the server writes it in the
 * same {@code channelRead}); the cache-miss endpoint calls the backend through
 * {@link EagerHttpClient} on the same event loop group (a <b>pending</b> Mono) and maps the body
 * with an eager {@code map}.
 *
 * <p>Usage: {@code EagerCacheServer <port> <backendPort> <ioThreads> [--transport=nio|epoll|io_uring|auto]}.
 */
public final class EagerCacheServer {

	private EagerCacheServer() {}

	public static void main(String[] args) throws InterruptedException {
		int port = CacheData.intArg(args, 0, 8081);
		int backendPort = CacheData.intArg(args, 1, 8090);
		int ioThreads = CacheData.intArg(args, 2, 1);

		Map<String, Mono<EagerHttpResponse>> hits = hits();
		Mono<EagerHttpResponse> notFound = Mono.just(EagerHttpResponse.notFound());

		EventLoopGroup loops = CacheData.transport(args).newEventLoopGroup(ioThreads);
		EagerHttpClient client = EagerHttpClient.builder()
				.eventLoopGroup(loops)
				.maxConnectionsPerHost(64)
				.maxPendingAcquires(4096)
				.build();
		String backend = "http://127.0.0.1:" + backendPort + CacheData.ITEM_PREFIX;

		BoundEagerHttpServer server = EagerHttpServer.create()
				.host("127.0.0.1")
				.port(port)
				.eventLoopGroup(loops)
				.handler(req -> {
					String uri = req.uri();
					if (uri.startsWith(CacheData.CACHE_PREFIX)) {
						Mono<EagerHttpResponse> hit = hits.get(CacheData.key(uri, CacheData.CACHE_PREFIX));
						return hit != null ? hit : notFound;
					}
					if (uri.startsWith(CacheData.MISS_PREFIX)) {
						return client.get(backend + CacheData.key(uri, CacheData.MISS_PREFIX))
								.transform(Eager.map(EagerCacheServer::toResponse));
					}
					return notFound;
				})
				.bindNow();

		ServerMain.runUntilShutdown(EagerPolicy.isEnabled() ? "eager" : "eager (switch off)", port, () -> {
			server.shutdownGracefully(Duration.ofSeconds(2)).block();
			client.close();
			loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
		});
	}

	/** The cache-hit answers: one resolved {@code Mono.just(response)} per key, built once. */
	static Map<String, Mono<EagerHttpResponse>> hits() {
		Map<String, Mono<EagerHttpResponse>> hits = new HashMap<>();
		for (int i = 0; i < 100; i++) {
			String key = "k" + i;
			hits.put(key, Mono.just(EagerHttpResponse.ok().contentType(CacheData.CONTENT_TYPE)
					.body(CacheData.lookup(key))));
		}
		return hits;
	}

	private static EagerHttpResponse toResponse(EagerHttpClientResponse backend) {
		return EagerHttpResponse.status(backend.status()).contentType(CacheData.CONTENT_TYPE)
				.body(backend.bodyAsBytes());
	}
}
