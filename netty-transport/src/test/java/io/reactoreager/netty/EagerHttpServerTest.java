package io.reactoreager.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Promise;
import io.reactoreager.netty.testing.RawHttp;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The server on loopback, driven by {@link EagerHttpClient} and by raw sockets. */
class EagerHttpServerTest {

	/** The "backend": promises completed later on another event loop, as real I/O would. */
	static EventLoop backend;

	BoundEagerHttpServer server;
	EagerHttpClient client;
	final Map<String, Promise<String>> calls = new ConcurrentHashMap<>();
	final AtomicInteger handled = new AtomicInteger();

	@BeforeAll
	static void startBackend() {
		backend = new DefaultEventLoop();
	}

	@AfterAll
	static void stopBackend() {
		backend.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
	}

	@AfterEach
	void stop() {
		if (client != null) {
			client.closeGracefully().block(Duration.ofSeconds(10));
		}
		if (server != null) {
			server.shutdownGracefully(Duration.ZERO).block(Duration.ofSeconds(10));
		}
	}

	/** Routes: /resolved, /pending/{key} (a backend call), /lazy (reads the request from the Context). */
	Function<EagerHttpRequest, Mono<EagerHttpResponse>> routes() {
		return EagerRoutes.route()
				.GET("/resolved", request -> Mono.just(EagerHttpResponse.ok("resolved " + request.queryParam("q").orElse("-"))))
				.GET("/pending/{key}", request -> {
					Promise<String> call = backend.newPromise();
					calls.put(request.pathVariable("key"), call);
					handled.incrementAndGet();
					return NettyEager.from(call).map(EagerHttpResponse::ok);
				})
				.GET("/lazy", request -> Mono.deferContextual(ctx -> Mono.just(
						EagerHttpResponse.ok("lazy " + EagerHttpRequest.from(ctx).orElseThrow().path())))
						.subscribeOn(Schedulers.parallel()))
				.POST("/echo", request -> Mono.just(EagerHttpResponse.status(201)
						.header("X-Length", request.contentLength()).body(request.bodyAsString())))
				.build();
	}

	BoundEagerHttpServer start(EagerHttpServer configured) {
		server = configured.host("127.0.0.1").ioThreads(1).bindNow();
		return server;
	}

	String url(String path) {
		return "http://127.0.0.1:" + server.port() + path;
	}

	Promise<String> awaitCall(String key) {
		await().atMost(Duration.ofSeconds(10)).until(() -> calls.containsKey(key));
		return calls.get(key);
	}

	@Test
	void resolvedPendingAndLazyHandlersAnswer() {
		start(EagerHttpServer.create().handler(routes()));
		client = EagerHttpClient.builder().ioThreads(1).build();

		StepVerifier.create(client.get(url("/resolved?q=1")).map(EagerHttpClientResponse::bodyAsString))
				.expectNext("resolved 1").verifyComplete();

		Mono<EagerHttpClientResponse> pending = client.get(url("/pending/a"));
		backend.execute(() -> awaitCallOnLoop("a", "from backend"));
		StepVerifier.create(pending.map(EagerHttpClientResponse::bodyAsString))
				.expectNext("from backend").verifyComplete();

		StepVerifier.create(client.get(url("/lazy")).map(EagerHttpClientResponse::bodyAsString))
				.expectNext("lazy /lazy").verifyComplete();

		StepVerifier.create(client.post(url("/echo"), "héllo"))
				.assertNext(r -> {
					assertThat(r.statusCode()).isEqualTo(201);
					assertThat(r.header("X-Length")).isEqualTo("6");
					assertThat(r.bodyAsString()).isEqualTo("héllo");
				})
				.verifyComplete();

		StepVerifier.create(client.get(url("/nowhere")).map(EagerHttpClientResponse::statusCode))
				.expectNext(404).verifyComplete();
	}

	private void awaitCallOnLoop(String key, String value) {
		Promise<String> call = calls.get(key);
		if (call == null) {
			backend.schedule(() -> awaitCallOnLoop(key, value), 5, TimeUnit.MILLISECONDS);
		} else {
			call.setSuccess(value);
		}
	}

	@Test
	void pipelinedResponsesLeaveInRequestOrder() throws IOException {
		start(EagerHttpServer.create().handler(routes()));
		try (RawHttp raw = RawHttp.connect(server.port())) {
			raw.send(RawHttp.get("/pending/first") + RawHttp.get("/resolved?q=second")
					+ RawHttp.get("/lazy") + RawHttp.get("/pending/fourth") + RawHttp.get("/resolved?q=fifth"));
			// The later backend call finishes first; nothing may overtake the first response.
			awaitCall("fourth").setSuccess("fourth");
			awaitCall("first").setSuccess("first");
			assertThat(raw.read().body()).isEqualTo("first");
			assertThat(raw.read().body()).isEqualTo("resolved second");
			assertThat(raw.read().body()).isEqualTo("lazy /lazy");
			assertThat(raw.read().body()).isEqualTo("fourth");
			assertThat(raw.read().body()).isEqualTo("resolved fifth");
		}
	}

	@Test
	void readingStopsAtMaxInFlightUntilOneFinishes() throws IOException {
		start(EagerHttpServer.create().handler(routes()).maxInFlightPerConnection(2));
		try (RawHttp raw = RawHttp.connect(server.port())) {
			raw.send(RawHttp.get("/pending/1") + RawHttp.get("/pending/2") + RawHttp.get("/pending/3")
					+ RawHttp.get("/pending/4"));
			awaitCall("2");
			assertThat(handled.get()).isEqualTo(2);
			assertThat(calls).doesNotContainKey("3");

			calls.get("1").setSuccess("one");
			assertThat(raw.read().body()).isEqualTo("one");
			awaitCall("3");
			assertThat(handled.get()).isEqualTo(3);

			calls.get("2").setSuccess("two");
			calls.get("3").setSuccess("three");
			awaitCall("4").setSuccess("four");
			assertThat(raw.read().body()).isEqualTo("two");
			assertThat(raw.read().body()).isEqualTo("three");
			assertThat(raw.read().body()).isEqualTo("four");
		}
	}

	@Test
	void clientDisconnectCancelsThePendingBackendCall() throws IOException {
		start(EagerHttpServer.create().handler(routes()));
		Promise<String> call;
		try (RawHttp raw = RawHttp.connect(server.port())) {
			raw.send(RawHttp.get("/pending/abandoned"));
			call = awaitCall("abandoned");
			assertThat(call.isCancelled()).isFalse();
		}
		await().atMost(Duration.ofSeconds(10)).until(call::isCancelled);
	}

	@Test
	void gracefulShutdownFinishesInFlightResponsesThenCloses() throws IOException {
		start(EagerHttpServer.create().handler(routes()));
		int port = server.port();
		try (RawHttp raw = RawHttp.connect(port); RawHttp idle = RawHttp.connect(port)) {
			raw.send(RawHttp.get("/pending/inflight"));
			Promise<String> call = awaitCall("inflight");
			await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 2);

			Mono<Void> shutdown = server.shutdownGracefully(Duration.ofSeconds(30)).cache();
			shutdown.subscribe();
			// No new connection is accepted, and the idle one is closed at once.
			await().atMost(Duration.ofSeconds(10)).until(() -> refusesConnections(port));
			assertThat(idle.closedByPeer()).isTrue();

			call.setSuccess("finished");
			RawHttp.Response last = raw.read();
			assertThat(last.body()).isEqualTo("finished");
			assertThat(last.header("connection")).isEqualTo("close");
			assertThat(raw.closedByPeer()).isTrue();
			StepVerifier.create(shutdown).expectComplete().verify(Duration.ofSeconds(10));
		}
		server = null;
	}

	@Test
	void gracefulShutdownClosesWhatIsStillInFlightAtTheDeadline() throws IOException {
		start(EagerHttpServer.create().handler(routes()));
		try (RawHttp raw = RawHttp.connect(server.port())) {
			raw.send(RawHttp.get("/pending/stuck"));
			Promise<String> call = awaitCall("stuck");
			StepVerifier.create(server.shutdownGracefully(Duration.ofMillis(200)))
					.expectComplete().verify(Duration.ofSeconds(10));
			assertThat(raw.closedByPeer()).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(call::isCancelled);
		}
		server = null;
	}

	private static boolean refusesConnections(int port) {
		try (Socket ignored = new Socket("127.0.0.1", port)) {
			return false;
		} catch (ConnectException refused) {
			return true;
		} catch (IOException other) {
			return false;
		}
	}

	@Test
	void lazyHandlerSubscribedWithTheRequestInItsContextRunsOnEverySubscription() {
		CopyOnWriteArrayList<String> seen = new CopyOnWriteArrayList<>();
		Mono<EagerHttpResponse> lazy = Mono.deferContextual(ctx -> {
			seen.add(EagerHttpRequest.from(ctx).map(EagerHttpRequest::uri).orElse("none"));
			return Mono.just(EagerHttpResponse.ok("ok"));
		});
		start(EagerHttpServer.create().handler(request -> lazy));
		client = EagerHttpClient.builder().ioThreads(1).build();
		StepVerifier.create(client.get(url("/a")).then(client.get(url("/b")))).expectNextCount(1).verifyComplete();
		assertThat(seen).containsExactly("/a", "/b");
	}
}
