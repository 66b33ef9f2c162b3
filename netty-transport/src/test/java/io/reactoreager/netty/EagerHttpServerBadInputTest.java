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
            assertThat(slow.closedByPeer()).isTrue();
        }
        assertServerStillServes();
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
}
