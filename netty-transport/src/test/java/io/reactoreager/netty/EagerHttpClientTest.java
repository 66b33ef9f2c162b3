package io.reactoreager.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Promise;
import io.reactoreager.Eager;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class EagerHttpClientTest {

	EventLoop backend;
	BoundEagerHttpServer server;
	EagerHttpClient client;
	final Queue<Promise<String>> calls = new ConcurrentLinkedQueue<>();

	@BeforeEach
	void start() {
		backend = new DefaultEventLoop();
		server = EagerHttpServer.create().host("127.0.0.1").ioThreads(1)
				.handler(request -> {
					if (request.path().equals("/hold")) {
						Promise<String> call = backend.newPromise();
						calls.add(call);
						return NettyEager.from(call).map(EagerHttpResponse::ok);
					}
					return Mono.just(EagerHttpResponse.ok("hello"));
				})
				.bindNow();
	}

	@AfterEach
	void stop() {
		client.closeGracefully().block(Duration.ofSeconds(10));
		server.shutdownGracefully(Duration.ZERO).block(Duration.ofSeconds(10));
		backend.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
	}

	String url(String path) {
		return "http://127.0.0.1:" + server.port() + path;
	}

	@Test
	void callsArePendingAndCompleteOnTheChannelEventLoop() {
		client = EagerHttpClient.builder().ioThreads(1).build();
		Mono<EagerHttpClientResponse> call = client.get(url("/"));
		assertThat(Eager.isPending(call) || Eager.isResolved(call)).isTrue();
		StepVerifier.create(call.map(r -> Thread.currentThread().getName() + " " + r.bodyAsString()))
				.assertNext(s -> assertThat(s).endsWith(" hello").startsWith("multiThreadIoEventLoopGroup"))
				.verifyComplete();
	}

	@Test
	void poolIsBoundedPerHostAndConnectionsAreReused() {
		client = EagerHttpClient.builder().ioThreads(1).maxConnectionsPerHost(1).build();
		Mono<EagerHttpClientResponse> first = client.get(url("/hold"));
		Mono<EagerHttpClientResponse> second = client.get(url("/hold"));
		await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 1);
		// One connection: the second call waits for it, so the server has seen one request only.
		assertThat(server.connectionCount()).isEqualTo(1);
		calls.poll().setSuccess("one");
		StepVerifier.create(first.map(EagerHttpClientResponse::bodyAsString)).expectNext("one").verifyComplete();
		await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 1);
		calls.poll().setSuccess("two");
		StepVerifier.create(second.map(EagerHttpClientResponse::bodyAsString)).expectNext("two").verifyComplete();
		assertThat(server.connectionCount()).isEqualTo(1);
	}

	@Test
	void cancellingAnInFlightCallClosesItsChannelAndFreesThePoolSlot() {
		client = EagerHttpClient.builder().ioThreads(1).maxConnectionsPerHost(1).build();
		Disposable abandoned = client.get(url("/hold")).subscribe();
		await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 1);
		Promise<String> backendCall = calls.poll();
		abandoned.dispose();
		// The server sees the connection close, which cancels its pending backend call.
		await().atMost(Duration.ofSeconds(10)).until(backendCall::isCancelled);
		// The single pool slot is free again.
		StepVerifier.create(client.get(url("/")).map(EagerHttpClientResponse::bodyAsString))
				.expectNext("hello").verifyComplete();
	}

	@Test
	void responseTimeoutFailsTheCallAndClosesItsConnection() {
		client = EagerHttpClient.builder().ioThreads(1).responseTimeout(Duration.ofMillis(200)).build();
		StepVerifier.create(client.get(url("/hold")))
				.expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TimeoutException.class)
						.hasMessage("no response within 200 ms"))
				.verify(Duration.ofSeconds(10));
		// A late answer would be taken for the next call's: the connection is closed, not pooled.
		await().atMost(Duration.ofSeconds(10)).until(() -> client.openConnections() == 0 && server.connectionCount() == 0);
		await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 1 && calls.peek().isCancelled());
		calls.clear();
		StepVerifier.create(client.get(url("/")).map(EagerHttpClientResponse::bodyAsString))
				.expectNext("hello").verifyComplete();
	}

	@Test
	void refusedConnectionFailsTheCall() throws Exception {
		int freePort;
		try (ServerSocket socket = new ServerSocket(0)) {
			freePort = socket.getLocalPort();
		}
		client = EagerHttpClient.builder().ioThreads(1).connectTimeout(Duration.ofSeconds(2)).build();
		StepVerifier.create(client.get("http://127.0.0.1:" + freePort + "/"))
				.expectErrorMatches(e -> e instanceof ConnectException || e.getCause() instanceof ConnectException)
				.verify(Duration.ofSeconds(10));
	}

	@Test
	void invalidArgumentsAreRejected() {
		client = EagerHttpClient.create();
		StepVerifier.create(client.get("ftp://host/")).expectError(IllegalArgumentException.class).verify();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> EagerHttpClient.builder().maxConnectionsPerHost(0))
				.isInstanceOf(IllegalArgumentException.class);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.get(null))
				.isInstanceOf(NullPointerException.class).hasMessage("uri");
	}

	BoundEagerHttpServer otherHost() {
		return EagerHttpServer.create().host("127.0.0.1").ioThreads(1)
				.handler(request -> Mono.just(EagerHttpResponse.ok("other")))
				.bindNow();
	}

	@Test
	void idleConnectionsAreClosedAfterMaxIdleTime() {
		client = EagerHttpClient.builder().ioThreads(1).maxIdleTime(Duration.ofMillis(200)).build();
		StepVerifier.create(client.get(url("/")).map(EagerHttpClientResponse::bodyAsString))
				.expectNext("hello").verifyComplete();
		// The idle connection is closed by the client: the server sees it go.
		await().atMost(Duration.ofSeconds(10)).until(() -> client.openConnections() == 0 && server.connectionCount() == 0);
		StepVerifier.create(client.get(url("/")).map(EagerHttpClientResponse::bodyAsString))
				.expectNext("hello").verifyComplete();
		assertThat(client.openConnections()).isEqualTo(1);
	}

	@Test
	void connectionsAreCappedAcrossHostsAndAFreedOneGoesToTheWaitingHost() {
		BoundEagerHttpServer other = otherHost();
		try {
			client = EagerHttpClient.builder().ioThreads(1).maxConnections(2).maxConnectionsPerHost(2).build();
			Mono<EagerHttpClientResponse> first = client.get(url("/hold"));
			Mono<EagerHttpClientResponse> second = client.get(url("/hold"));
			await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 2);
			Mono<EagerHttpClientResponse> third = client.get("http://127.0.0.1:" + other.port() + "/");
			// Both connections the client may open are in use: the call to the other host waits.
			await().atMost(Duration.ofSeconds(10)).until(() -> client.waitingForConnection() == 1);
			assertThat(other.connectionCount()).isZero();
			assertThat(client.openConnections()).isEqualTo(2);

			calls.poll().setSuccess("one");
			StepVerifier.create(first.map(EagerHttpClientResponse::bodyAsString)).expectNext("one").verifyComplete();
			// The freed connection was closed rather than kept idle, and the waiting call opened its own.
			StepVerifier.create(third.map(EagerHttpClientResponse::bodyAsString)).expectNext("other").verifyComplete();
			await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 1);
			assertThat(client.openConnections()).isEqualTo(2);

			calls.poll().setSuccess("two");
			StepVerifier.create(second.map(EagerHttpClientResponse::bodyAsString)).expectNext("two").verifyComplete();
		} finally {
			other.shutdownGracefully(Duration.ZERO).block(Duration.ofSeconds(10));
		}
	}

	@Test
	void anIdleConnectionOfAnotherHostIsClosedToMakeRoomAtTheCap() {
		BoundEagerHttpServer other = otherHost();
		try {
			client = EagerHttpClient.builder().ioThreads(1).maxConnections(1).build();
			StepVerifier.create(client.get(url("/")).map(EagerHttpClientResponse::bodyAsString))
					.expectNext("hello").verifyComplete();
			StepVerifier.create(client.get("http://127.0.0.1:" + other.port() + "/").map(EagerHttpClientResponse::bodyAsString))
					.expectNext("other").verifyComplete();
			await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 0);
			assertThat(client.openConnections()).isEqualTo(1);
		} finally {
			other.shutdownGracefully(Duration.ZERO).block(Duration.ofSeconds(10));
		}
	}

	@Test
	void aCallWaitingAtTheCapTimesOutWithTheReason() {
		BoundEagerHttpServer other = otherHost();
		try {
			client = EagerHttpClient.builder().ioThreads(1).maxConnections(1).acquireTimeout(Duration.ofMillis(300)).build();
			Mono<EagerHttpClientResponse> held = client.get(url("/hold"));
			await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 1);
			StepVerifier.create(client.get("http://127.0.0.1:" + other.port() + "/"))
					.expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TimeoutException.class)
							.hasMessage("no connection within 300 ms: the client's 1 connections (maxConnections) are all in use"))
					.verify(Duration.ofSeconds(10));
			assertThat(other.connectionCount()).isZero();
			assertThat(client.waitingForConnection()).isZero();
			calls.poll().setSuccess("held");
			StepVerifier.create(held.map(EagerHttpClientResponse::bodyAsString)).expectNext("held").verifyComplete();
		} finally {
			other.shutdownGracefully(Duration.ZERO).block(Duration.ofSeconds(10));
		}
	}

	@Test
	void closingTheClientFailsTheCallsWaitingForAConnection() {
		client = EagerHttpClient.builder().ioThreads(1).maxConnections(1).maxConnectionsPerHost(1).build();
		Mono<EagerHttpClientResponse> held = client.get(url("/hold"));
		await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 1);
		Mono<EagerHttpClientResponse> queued = client.get(url("/hold"));
		client.closeGracefully().block(Duration.ofSeconds(10));
		StepVerifier.create(held).expectError().verify(Duration.ofSeconds(10));
		StepVerifier.create(queued).expectError(IllegalStateException.class).verify(Duration.ofSeconds(10));
	}
}
