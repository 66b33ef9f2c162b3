package io.reactoreager.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.reactoreager.netty.testing.ScriptedServer;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The client against servers that misbehave on their first connection and answer properly on
 * the next: the first call fails with the cause named (never a made-up response), its connection
 * is closed and never handed out again, and the next call succeeds on a fresh connection.
 */
class EagerHttpClientBadResponseTest {

	ScriptedServer server;
	EagerHttpClient client;

	@AfterEach
	void stop() throws IOException {
		if (client != null) {
			client.closeGracefully().block(Duration.ofSeconds(10));
		}
		server.close();
	}

	/** The first connection runs {@code first}; later ones answer "fine" and stay open. */
	private void serve(ScriptedServer.Script first) throws IOException {
		serve(first, EagerHttpClient.builder());
	}

	private void serve(ScriptedServer.Script first, EagerHttpClient.Builder options) throws IOException {
		server = ScriptedServer.start((connection, request, out) ->
				connection == 1 ? first.answer(connection, request, out) : ScriptedServer.ok(out, "fine"));
		client = options.ioThreads(1).maxConnectionsPerHost(1).build();
	}

	/** The first call fails as {@code failure} checks; the next one succeeds on a fresh connection. */
	private void firstCallFailsThenTheNextSucceeds(Consumer<Throwable> failure) {
		StepVerifier.create(get())
				.expectErrorSatisfies(failure)
				.verify(Duration.ofSeconds(10));
		nextCallSucceedsOnAFreshConnection();
	}

	private Mono<EagerHttpClientResponse> get() {
		return client.get(server.url("/"));
	}

	/** The next call gets the good answer on connection 2: the broken one was not reused. */
	private void nextCallSucceedsOnAFreshConnection() {
		StepVerifier.create(get().map(EagerHttpClientResponse::bodyAsString))
				.expectNext("fine")
				.verifyComplete();
		assertThat(server.accepted()).isEqualTo(2);
		// the broken connection is closed, not idling in the pool
		await().atMost(Duration.ofSeconds(10)).until(() -> client.openConnections() == 1);
	}

	@Test
	void halfAHeadThenCloseFailsTheCall() throws IOException {
		serve((c, request, out) -> {
			ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Le");
			return false;
		});
		firstCallFailsThenTheNextSucceeds(e -> assertThat(e)
						.isInstanceOf(PrematureChannelClosureException.class)
						.hasMessage("connection closed before the response head was complete"));
	}

	@Test
	void closeWithoutAnyResponseByteFailsTheCall() throws IOException {
		serve((c, request, out) -> false);
		firstCallFailsThenTheNextSucceeds(e -> assertThat(e)
						.isInstanceOf(PrematureChannelClosureException.class)
						.hasMessage("connection closed before the response head was complete"));
	}

	@Test
	void aHundredKilobyteHeaderFailsTheCallAndTheClientClosesTheConnection() throws IOException {
		serve((c, request, out) -> {
			ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(100 * 1024)
					+ "\r\nContent-Length: 2\r\n\r\nok");
			return true; // the server keeps the connection: the client must drop it
		});
		firstCallFailsThenTheNextSucceeds(e -> assertThat(e)
						.isInstanceOf(DecoderException.class)
						.hasMessageStartingWith("invalid response head: ")
						.hasCauseInstanceOf(TooLongHttpHeaderException.class));
	}

	@Test
	void aStatusLineOverTheLimitFailsTheCall() throws IOException {
		serve((c, request, out) -> {
			ScriptedServer.write(out, "HTTP/1.1 200 " + "O".repeat(8192) + "\r\nContent-Length: 0\r\n\r\n");
			return true;
		});
		firstCallFailsThenTheNextSucceeds(e -> assertThat(e)
						.isInstanceOf(DecoderException.class)
						.hasCauseInstanceOf(TooLongHttpLineException.class));
	}

	@Test
	void closeInTheMiddleOfAContentLengthBodyFailsTheCall() throws IOException {
		serve((c, request, out) -> {
			ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
			return false;
		});
		firstCallFailsThenTheNextSucceeds(e -> assertThat(e)
						.isInstanceOf(PrematureChannelClosureException.class)
						.hasMessage("connection closed before the response body was complete (10 of 100 bytes)"));
	}

	@Test
	void closeInTheMiddleOfAChunkedBodyFailsTheCall() throws IOException {
		serve((c, request, out) -> {
			ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3\r\nab");
			return false;
		});
		firstCallFailsThenTheNextSucceeds(e -> assertThat(e)
						.isInstanceOf(PrematureChannelClosureException.class)
						.hasMessageStartingWith("connection closed before the response body was complete ("));
	}

	@Test
	void anInvalidChunkSizeFailsTheCall() throws IOException {
		serve((c, request, out) -> {
			ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
			return true;
		});
		firstCallFailsThenTheNextSucceeds(e -> assertThat(e)
						.isInstanceOf(DecoderException.class)
						.hasMessageStartingWith("invalid response body: "));
	}

	@Test
	void contentLengthAndTransferEncodingTogetherFailTheCall() throws IOException {
		serve((c, request, out) -> {
			ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
					+ "5\r\nhello\r\n0\r\n\r\n");
			return true;
		});
		firstCallFailsThenTheNextSucceeds(e -> assertThat(e).isInstanceOf(DecoderException.class)
						.hasMessageStartingWith("invalid response head: "));
	}

	@Test
	void aDeclaredBodyOverTheLimitFailsTheCallBeforeItArrives() throws IOException {
		serve((c, request, out) -> {
			ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2000000\r\n\r\nabc");
			return true;
		}, EagerHttpClient.builder().maxResponseBodySize(1000));
		firstCallFailsThenTheNextSucceeds(e -> assertThat(e).isInstanceOf(TooLongHttpContentException.class)
						.hasMessage("response body of 2000000 bytes or more exceeds maxResponseBodySize (1000 bytes)"));
	}

	@Test
	void aChunkedBodyGrowingOverTheLimitFailsTheCall() throws IOException {
		serve((c, request, out) -> {
			ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
			for (int i = 0; i < 20; i++) {
				ScriptedServer.write(out, "64\r\n" + "x".repeat(100) + "\r\n");
			}
			ScriptedServer.write(out, "0\r\n\r\n");
			return true;
		}, EagerHttpClient.builder().maxResponseBodySize(1000));
		firstCallFailsThenTheNextSucceeds(e -> assertThat(e).isInstanceOf(TooLongHttpContentException.class)
						.hasMessageEndingWith("exceeds maxResponseBodySize (1000 bytes)"));
	}

	@Test
	void anUpgradeNobodyAskedForFailsTheCall() throws IOException {
		serve((c, request, out) -> {
			ScriptedServer.write(out, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: other\r\nConnection: Upgrade\r\n\r\n");
			return true;
		});
		firstCallFailsThenTheNextSucceeds(e -> assertThat(e).isInstanceOf(DecoderException.class)
				.hasMessage("unexpected 101 Switching Protocols: the client asked for no upgrade"));
	}

	@Test
	void aResponseNobodyAskedForClosesTheConnection() throws IOException {
		serve((c, request, out) -> {
			// two answers to one request, in one write
			ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"
					+ "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nextra");
			return true;
		});
		StepVerifier.create(get().map(EagerHttpClientResponse::bodyAsString))
				.expectNext("first")
				.verifyComplete();
		// The extra answer must never be taken for the next call's response.
		nextCallSucceedsOnAFreshConnection();
	}

	@Test
	void interimResponsesAreSkippedAndTheConnectionIsReused() throws IOException {
		server = ScriptedServer.start((connection, request, out) -> {
			ScriptedServer.write(out, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n");
			return ScriptedServer.ok(out, "final");
		});
		client = EagerHttpClient.builder().ioThreads(1).maxConnectionsPerHost(1).build();
		for (int i = 0; i < 3; i++) {
			StepVerifier.create(get())
					.assertNext(r -> {
						assertThat(r.statusCode()).isEqualTo(200);
						assertThat(r.bodyAsString()).isEqualTo("final");
					})
					.verifyComplete();
		}
		assertThat(server.accepted()).isEqualTo(1);
	}

	@Test
	void aBodyArrivingInPiecesIsAssembledAndTheConnectionIsReused() throws IOException {
		String body = "0123456789".repeat(3000);
		server = ScriptedServer.start((connection, request, out) -> {
			ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n");
			for (int i = 0; i < body.length(); i += 7000) {
				ScriptedServer.write(out, body.substring(i, Math.min(body.length(), i + 7000)));
			}
			return true;
		});
		client = EagerHttpClient.builder().ioThreads(1).maxConnectionsPerHost(1).build();
		for (int i = 0; i < 2; i++) {
			StepVerifier.create(get().map(EagerHttpClientResponse::bodyAsString))
					.expectNext(body)
					.verifyComplete();
		}
		assertThat(server.accepted()).isEqualTo(1);
	}

	@Test
	void connectionCloseFromTheServerIsNotReused() throws IOException {
		server = ScriptedServer.start((connection, request, out) -> {
			ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nc" + connection);
			return true; // the client must close it anyway
		});
		client = EagerHttpClient.builder().ioThreads(1).maxConnectionsPerHost(1).build();
		StepVerifier.create(get().map(EagerHttpClientResponse::bodyAsString)).expectNext("c1").verifyComplete();
		StepVerifier.create(get().map(EagerHttpClientResponse::bodyAsString)).expectNext("c2").verifyComplete();
		assertThat(server.accepted()).isEqualTo(2);
	}
}
