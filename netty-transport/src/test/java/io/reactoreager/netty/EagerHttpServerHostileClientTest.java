package io.reactoreager.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.Channel;
import io.reactoreager.netty.testing.RawHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

/**
 * Clients that try to make the server hold memory or lose its event loop: pipelining without
 * reading, declaring large bodies and sending nothing, handlers that throw errors the JVM calls
 * fatal. Each runs on a server with one event loop thread, so "another client is still served"
 * means the same loop survived and is not wedged.
 */
class EagerHttpServerHostileClientTest {

	static final EagerHttpResponse RESPONSE = EagerHttpResponse.ok("x".repeat(100));
	static final byte[] REQUEST = "GET /r HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	BoundEagerHttpServer server;

	@AfterEach
	void stop() {
		if (server != null) {
			server.shutdownGracefully(Duration.ZERO).block(Duration.ofSeconds(10));
		}
	}

	BoundEagerHttpServer start(EagerHttpServer configured) {
		server = configured.host("127.0.0.1").ioThreads(1).bindNow();
		return server;
	}

	@Test
	void pipeliningWithoutReadingStopsReadingAndHoldsABoundedAmount() throws Exception {
		start(EagerHttpServer.create().handler(request -> Mono.just(RESPONSE)));
		int responseLength = RESPONSE.keepAliveHead().length + RESPONSE.contentLength();
		try (SocketChannel attacker = SocketChannel.open()) {
			// a small, fixed receive window (no autotuning), so the responses cannot all hide in the kernel
			attacker.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
			attacker.connect(new InetSocketAddress("127.0.0.1", server.port()));
			attacker.configureBlocking(false);
			Attack attack = writeUntilTheServerStopsReading(attacker, 64L << 20);
			long sent = attack.sent();
			assertThat(sent).as("bytes the server accepted before it stopped reading").isLessThan(64L << 20);

			Channel connection = onlyConnection();
			// The kernel keeps taking some responses while the attacker does not read, so the
			// server goes on in bursts: every sample, taken between two tasks of its event loop,
			// must show the bounds, and some must show reading stopped by backpressure.
			int stoppedSamples = 0;
			for (int sample = 0; sample < 20; sample++) {
				ServerSide state = onLoop(connection, () -> new ServerSide(connection.config().isAutoRead(),
						connection.isWritable(), connection.unsafe().outboundBuffer().totalPendingWriteBytes(),
						handlerOf(connection).pendingRequests()));
				if (!state.writable) {
					assertThat(state.autoRead).as("reading while the peer does not read: %s", state).isFalse();
					stoppedSamples++;
				}
				// at most the high water mark, plus the responses that finished while it was crossed
				assertThat(state.pendingOutboundBytes).as("queued response bytes: %s", state)
						.isLessThanOrEqualTo(connection.config().getWriteBufferHighWaterMark() + 16L * responseLength);
				// at most what one read (64 KiB) decoded after reading stopped, plus maxInFlight
				assertThat(state.pendingRequests).as("requests held: %s", state)
						.isLessThanOrEqualTo(65536 / REQUEST.length + 16);
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
			}
			assertThat(stoppedSamples).as("samples with reading stopped").isPositive();

			try (RawHttp other = RawHttp.connect(server.port())) {
				other.send(RawHttp.get("/other"));
				assertThat(other.read().status()).isEqualTo(200);
			}

			// once the attacker reads, every request it sent is answered, in full and in order
			long requests = (sent + REQUEST.length - 1) / REQUEST.length;
			assertThat(readAll(attacker, requests * responseLength, attack.rest())).isEqualTo(requests * responseLength);
		}
	}

	/** Bytes written, and the rest of the request the last write cut (empty when it cut none). */
	record Attack(long sent, ByteBuffer rest) {
	}

	/** Writes pipelined GETs without reading until no byte is accepted for a second, or {@code cap} bytes. */
	static Attack writeUntilTheServerStopsReading(SocketChannel channel, long cap) throws IOException {
		ByteBuffer batch = ByteBuffer.allocate(REQUEST.length * 512);
		while (batch.remaining() >= REQUEST.length) {
			batch.put(REQUEST);
		}
		batch.flip();
		long sent = 0;
		long stalledSince = System.nanoTime();
		while (sent < cap && System.nanoTime() - stalledSince < TimeUnit.SECONDS.toNanos(1)) {
			if (!batch.hasRemaining()) {
				batch.rewind();
			}
			int n = channel.write(batch);
			if (n > 0) {
				sent += n;
				stalledSince = System.nanoTime();
			} else {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
			}
		}
		int cut = (int) (sent % REQUEST.length);
		return new Attack(sent, ByteBuffer.wrap(REQUEST, cut, cut == 0 ? 0 : REQUEST.length - cut));
	}

	/** Reads {@code expected} bytes, writing {@code rest} as the server takes it again. */
	static long readAll(SocketChannel channel, long expected, ByteBuffer rest) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
		long read = 0;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (read < expected && System.nanoTime() < deadline) {
			if (rest.hasRemaining()) {
				channel.write(rest);
			}
			buffer.clear();
			int n = channel.read(buffer);
			if (n < 0) {
				break;
			}
			if (n == 0) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			}
			read += n;
		}
		return read;
	}

	record ServerSide(boolean autoRead, boolean writable, long pendingOutboundBytes, int pendingRequests) {
	}

	@Test
	void bodyMemoryFollowsTheBytesReceivedNotTheDeclaredLength() throws Exception {
		start(EagerHttpServer.create().handler(request -> Mono.just(RESPONSE)));
		int connections = 50;
		List<RawHttp> peers = new ArrayList<>();
		try {
			for (int i = 0; i < connections; i++) {
				RawHttp peer = RawHttp.connect(server.port());
				peers.add(peer);
				peer.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 1048576\r\n\r\nx");
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> server.connections().size() == connections
					&& sum(c -> aggregatorOf(c).bodyReceived()) == connections);
			long held = sum(c -> aggregatorOf(c).bodyCapacity());
			// each holds a small first array for its one byte, not the 1 MiB it declared
			assertThat(held).as("body bytes held by %d connections", connections).isLessThanOrEqualTo(connections * 256L);
		} finally {
			for (RawHttp peer : peers) {
				peer.close();
			}
		}
	}

	@Test
	void aFatalErrorInAHandlerClosesThatConnectionOnlyAndIsReported() throws Exception {
		List<Throwable> dropped = new CopyOnWriteArrayList<>();
		Hooks.onErrorDropped(dropped::add);
		try {
			start(EagerHttpServer.create().handler(request -> {
				if (request.path().equals("/oom")) {
					throw new OutOfMemoryError("simulated in the handler");
				}
				return Mono.just(RESPONSE);
			}));
			for (int i = 0; i < 2; i++) {
				try (RawHttp victim = RawHttp.connect(server.port())) {
					victim.send(RawHttp.get("/oom"));
					assertThat(victim.closedByPeer()).as("the failing connection is closed").isTrue();
				}
				try (RawHttp other = RawHttp.connect(server.port())) {
					other.send(RawHttp.get("/fine"));
					assertThat(other.read().status()).as("the same event loop serves the next").isEqualTo(200);
				}
			}
			assertThat(dropped).extracting(Throwable::getMessage)
					.containsExactly("simulated in the handler", "simulated in the handler");
		} finally {
			Hooks.resetOnErrorDropped();
		}
	}

	Channel onlyConnection() {
		await().atMost(Duration.ofSeconds(10)).until(() -> server.connections().size() == 1);
		return server.connections().iterator().next();
	}

	static EagerHttpServerHandler handlerOf(Channel channel) {
		return channel.pipeline().get(EagerHttpServerHandler.class);
	}

	static EagerRequestAggregator aggregatorOf(Channel channel) {
		return channel.pipeline().get(EagerRequestAggregator.class);
	}

	/** Reads server-side state on the channel's event loop, where it lives. */
	static <T> T onLoop(Channel channel, Callable<T> read) throws Exception {
		return channel.eventLoop().submit(read).get(10, TimeUnit.SECONDS);
	}

	long sum(java.util.function.ToIntFunction<Channel> perConnection) throws Exception {
		long total = 0;
		for (Channel c : server.connections()) {
			total += onLoop(c, () -> perConnection.applyAsInt(c));
		}
		return total;
	}
}
