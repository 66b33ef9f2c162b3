package io.reactoreager.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactoreager.netty.testing.RawHttp;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Each bad input gets its status on its own connection while the server keeps serving others. */
class EagerHttpServerBadInputTest {

	static final String SECRET = "secret-detail-42";
	BoundEagerHttpServer server;

	@BeforeEach
	void start() {
		server = EagerHttpServer.create()
				.host("127.0.0.1")
				.ioThreads(1)
				.maxHeaderSize(1024)
				.maxBodySize(64)
				.idleTimeout(Duration.ofMillis(300))
				.handler(request -> switch (request.path()) {
					case "/ok" -> Mono.just(EagerHttpResponse.ok("ok"));
					case "/slow" -> Mono.delay(Duration.ofSeconds(1)).thenReturn(EagerHttpResponse.ok("slow"));
					case "/host" -> Mono.just(EagerHttpResponse.ok(request.uri() + " " + request.header("Host").orElse("-")));
					case "/throws" -> throw new IllegalStateException(SECRET);
					case "/errors" -> Mono.error(new IllegalStateException(SECRET));
					case "/lazy-errors" -> Mono.fromCallable(() -> {
						throw new IllegalStateException(SECRET);
					});
					default -> Mono.empty();
				})
				.bindNow();
	}

	@AfterEach
	void stop() {
		server.shutdownGracefully(Duration.ZERO).block(Duration.ofSeconds(10));
	}

	/** Sends raw bytes on a fresh connection and returns the one response, checking a healthy peer still works. */
	RawHttp.Response exchange(String raw, boolean expectClose) throws IOException {
		RawHttp.Response response;
		try (RawHttp connection = RawHttp.connect(server.port())) {
			connection.send(raw);
			response = connection.read();
			assertThat(response).as("a response to %s", raw).isNotNull();
			if (expectClose) {
				assertThat(connection.closedByPeer()).as("closed after %s", response.status()).isTrue();
			}
		}
		assertServerStillServes();
		return response;
	}

	void assertServerStillServes() throws IOException {
		try (RawHttp other = RawHttp.connect(server.port())) {
			other.send(RawHttp.get("/ok"));
			assertThat(other.read().body()).isEqualTo("ok");
		}
	}

	@Test
	void malformedRequestIs400AndClose() throws IOException {
		assertThat(exchange("THIS IS NOT HTTP\r\n\r\n", true).status()).isEqualTo(400);
		assertThat(exchange("GET /ok HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n", true).status()).isEqualTo(400);
	}

	@Test
	void oversizedHeadersAre431() throws IOException {
		String big = "GET /ok HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(4096) + "\r\n\r\n";
		assertThat(exchange(big, true).status()).isEqualTo(431);
	}

	@Test
	void oversizedBodyIs413ByContentLengthAndByChunks() throws IOException {
		assertThat(exchange("POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n", true).status())
				.isEqualTo(413);
		String chunked = "POST /ok HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
				+ "40\r\n" + "b".repeat(64) + "\r\n" + "40\r\n" + "b".repeat(64) + "\r\n0\r\n\r\n";
		assertThat(exchange(chunked, true).status()).isEqualTo(413);
	}

	@Test
	void contentLengthWithTransferEncodingIs400() throws IOException {
		String smuggle = "POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
				+ "0\r\n\r\nGET /ok HTTP/1.1\r\nHost: x\r\n\r\n";
		RawHttp.Response response = exchange(smuggle, true);
		assertThat(response.status()).isEqualTo(400);
	}

	@Test
	void handlerThatThrowsOrErrorsIs500WithoutDetails() throws IOException {
		for (String path : new String[] {"/throws", "/errors", "/lazy-errors"}) {
			RawHttp.Response response = exchange(RawHttp.get(path), false);
			assertThat(response.status()).isEqualTo(500);
			assertThat(response.body()).isEqualTo("Internal Server Error").doesNotContain(SECRET);
		}
	}

	@Test
	void emptyHandlerMonoIs404() throws IOException {
		assertThat(exchange(RawHttp.get("/missing"), false).status()).isEqualTo(404);
	}

	@Test
	void idleAndSlowClientsAreClosedAfterTheTimeout() throws IOException {
		try (RawHttp idle = RawHttp.connect(server.port());
			 RawHttp slow = RawHttp.connect(server.port())) {
			slow.send("GET /ok HTTP/1.1\r\nHost: x\r\n"); // never finishes its headers
			assertThat(idle.closedByPeer()).isTrue();
			// a request under way is answered (HeaderTimeoutHandlerTest), then closed
			assertThat(slow.read().status()).isEqualTo(408);
			assertThat(slow.closedByPeer()).isTrue();
		}
		assertServerStillServes();
	}

	@Test
	void aConnectionOwingAResponseOutlivesTheIdleTimeoutThenClosesWhenIdle() throws IOException {
		try (RawHttp connection = RawHttp.connect(server.port())) {
			// the answer takes 1 s, over three idle timeouts of 300 ms without a byte read
			connection.send(RawHttp.get("/slow"));
			RawHttp.Response response = connection.read();
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("slow");
			assertThat(connection.closedByPeer()).as("closed once idle and owing nothing").isTrue();
		}
	}

	@Test
	void keepAliveConnectionServesManyRequestsThenHonoursConnectionClose() throws IOException {
		try (RawHttp connection = RawHttp.connect(server.port())) {
			for (int i = 0; i < 3; i++) {
				connection.send(RawHttp.get("/ok"));
				assertThat(connection.read().status()).isEqualTo(200);
			}
			connection.send("GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
			RawHttp.Response last = connection.read();
			assertThat(last.header("connection")).isEqualTo("close");
			assertThat(connection.closedByPeer()).isTrue();
		}
	}

	/** Each raw request, on its own connection, gets {@code status} (and a close when {@code close}). */
	void assertAnswered(int status, boolean close, String... raws) throws IOException {
		for (String raw : raws) {
			assertThat(exchange(raw, close).status()).as("status for %s", raw).isEqualTo(status);
		}
	}

	@Test
	void versionsOtherThanHttp1Are505() throws IOException {
		assertAnswered(505, true, "GET /ok HTTP/9.9\r\nHost: x\r\n\r\n", "GET /ok HTTP/2.0\r\nHost: x\r\n\r\n");
	}

	@Test
	void http11WithoutHostOrWithTwoHostsIs400() throws IOException {
		assertAnswered(400, true, "GET /ok HTTP/1.1\r\n\r\n", "GET /ok HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
				"GET /ok HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n");
		// HTTP/1.0 has no Host requirement (and closes after its answer)
		assertAnswered(200, true, "GET /ok HTTP/1.0\r\n\r\n");
	}

	@Test
	void absoluteFormTargetIsRoutedByItsPathWithItsAuthorityAsHost() throws IOException {
		RawHttp.Response response = exchange("GET http://example.test:8080/host?q=1 HTTP/1.1\r\nHost: other\r\n\r\n", false);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("/host?q=1 example.test:8080");
		assertThat(exchange("GET HTTP://example.test/host HTTP/1.1\r\nHost: x\r\n\r\n", false).body())
				.isEqualTo("/host example.test");
		// no path: the target is "/" (no such route here: 404, not 400)
		assertAnswered(404, false, "GET http://example.test HTTP/1.1\r\nHost: x\r\n\r\n");
	}

	@Test
	void asteriskTargetOutsideOptionsAndLowercaseMethodsAndOtherTargetsAre400() throws IOException {
		assertAnswered(400, true, "GET * HTTP/1.1\r\nHost: x\r\n\r\n", "get /ok HTTP/1.1\r\nHost: x\r\n\r\n",
				"Get /ok HTTP/1.1\r\nHost: x\r\n\r\n", "GET ok HTTP/1.1\r\nHost: x\r\n\r\n");
		// OPTIONS * is the one asterisk-form request: it reaches the handler (empty here: 404)
		assertAnswered(404, false, "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");
	}

	@Test
	void aChunkDeclaredBeyondTheBodyLimitIs413AtOnce() throws IOException {
		// no chunk data follows: the answer must not wait for it
		String head = "POST /ok HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
		assertAnswered(413, true, head + "7fffffff\r\n", head + "20\r\n" + "a".repeat(32) + "\r\n21;ext=1\r\n");
		// within the limit (64): answered once complete
		assertAnswered(200, false, head + "20\r\n" + "a".repeat(32) + "\r\n20\r\n" + "b".repeat(32) + "\r\n0\r\n\r\n");
	}
}
