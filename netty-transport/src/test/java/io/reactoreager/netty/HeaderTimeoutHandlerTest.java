package io.reactoreager.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.Channel;
import io.reactoreager.netty.testing.RawHttp;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A request whose time is up is answered {@code 408 Request Timeout} with {@code Connection: close}
 * and the connection closes, in order after the responses still owed; a connection that sent
 * nothing is closed without an answer. Raw sockets, one event loop thread.
 */
class HeaderTimeoutHandlerTest {

	static final String PARTIAL_HEAD = "GET /ok HTTP/1.1\r\nHost: x\r\n"; // the blank line never comes

	BoundEagerHttpServer server;
	final Sinks.One<EagerHttpResponse> slow = Sinks.one();

	@AfterEach
	void stop() {
		if (server != null) {
			server.shutdownGracefully(Duration.ZERO).block(Duration.ofSeconds(10));
		}
	}

	void start(Duration headerTimeout, Duration idleTimeout) {
		server = EagerHttpServer.create().host("127.0.0.1").ioThreads(1)
				.headerTimeout(headerTimeout).idleTimeout(idleTimeout)
				.handler(request -> request.path().equals("/slow") ? slow.asMono() : Mono.just(EagerHttpResponse.ok("ok")))
				.bindNow();
	}

	static void assertAnswered408ThenClosed(RawHttp connection) throws IOException {
		RawHttp.Response response = connection.read();
		assertThat(response).as("an answer before the close").isNotNull();
		assertThat(response.status()).isEqualTo(408);
		assertThat(response.header("connection")).isEqualTo("close");
		assertThat(response.body()).isEqualTo("Request Timeout");
		assertThat(connection.closedByPeer()).as("closed after the 408").isTrue();
	}

	/** Header timeout 200 ms and idle 60 s, then the other way round: whichever falls first answers. */
	@ParameterizedTest
	@CsvSource({"200, 60000", "60000, 200"})
	void aPartialHeadIsAnswered408WithConnectionCloseAtWhicheverTimeoutFallsFirst(long headerMillis, long idleMillis)
			throws IOException {
		start(Duration.ofMillis(headerMillis), Duration.ofMillis(idleMillis));
		try (RawHttp connection = RawHttp.connect(server.port())) {
			connection.send(PARTIAL_HEAD);
			assertAnswered408ThenClosed(connection);
		}
		assertStillServes();
	}

	@Test
	void aBodyThatStopsComingIsAnswered408AtTheIdleTimeout() throws IOException {
		start(Duration.ofSeconds(60), Duration.ofMillis(200));
		try (RawHttp connection = RawHttp.connect(server.port())) {
			connection.send("POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
			assertAnswered408ThenClosed(connection);
		}
	}

	@Test
	void aConnectionThatSentNothingIsClosedWithoutAnAnswer() throws IOException {
		start(Duration.ofMillis(200), Duration.ofMillis(300));
		try (RawHttp connection = RawHttp.connect(server.port())) {
			assertThat(connection.read()).as("no answer, only the close").isNull();
		}
	}

	@Test
	void a408FollowsTheResponseStillOwedOnTheConnection() throws Exception {
		start(Duration.ofMillis(200), Duration.ofSeconds(60));
		try (RawHttp connection = RawHttp.connect(server.port())) {
			connection.send(RawHttp.get("/slow"));
			Channel channel = onlyConnection();
			// the /slow request was read on its own: the partial head below starts a read of its own
			await().atMost(Duration.ofSeconds(10)).until(() -> channel.eventLoop()
					.submit(() -> channel.pipeline().get(EagerHttpServerHandler.class).pendingRequests()).get() == 1);
			connection.send(PARTIAL_HEAD);
			// the header timeout falls while /slow is owed: its 408 waits behind it
			await().atMost(Duration.ofSeconds(10)).until(() -> channel.eventLoop()
					.submit(() -> channel.pipeline().get(EagerHttpServerHandler.class).pendingRequests()).get() == 2);
			slow.tryEmitValue(EagerHttpResponse.ok("slow"));
			RawHttp.Response first = connection.read();
			assertThat(first.status()).isEqualTo(200);
			assertThat(first.body()).isEqualTo("slow");
			assertAnswered408ThenClosed(connection);
		}
	}

	@Test
	void aHeadTrickledOneByteAtATimeIsAnswered408AtTheHeaderTimeoutThatTheBytesDoNotExtend() throws Exception {
		start(Duration.ofSeconds(1), Duration.ofSeconds(60));
		byte[] head = RawHttp.get("/ok").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		int sent = 0;
		try (RawHttp slowloris = RawHttp.connect(server.port())) {
			boolean answered = false;
			// one byte every 300 ms, each well within the idle timeout
			while (!answered && sent < head.length - 1) {
				slowloris.send(new String(head, sent, 1, java.nio.charset.StandardCharsets.US_ASCII));
				sent++;
				answered = slowloris.answeredOrClosed(Duration.ofMillis(300));
			}
			assertThat(answered).as("answered before the trickled head was complete (%d of %d bytes sent)", sent,
					head.length).isTrue();
			assertAnswered408ThenClosed(slowloris);
		}
		assertStillServes();
	}

	Channel onlyConnection() {
		await().atMost(Duration.ofSeconds(10)).until(() -> server.connections().size() == 1);
		return server.connections().iterator().next();
	}

	void assertStillServes() throws IOException {
		try (RawHttp other = RawHttp.connect(server.port())) {
			other.send(RawHttp.get("/ok"));
			assertThat(other.read().status()).isEqualTo(200);
		}
	}
}
