package io.reactoreager.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Name resolution never blocks the client's event loop. The client's DNS resolver is pointed at a
 * local UDP socket that reads every query and never answers (no network is involved), so each
 * lookup of a {@code .invalid} host stays outstanding; a GET to a local server on the same single
 * event loop must still complete while all of them are.
 */
class EagerHttpClientResolverTest {

	static final int HOSTS = 40;

	DatagramSocket silentDns;
	final Set<String> queried = ConcurrentHashMap.newKeySet();
	BoundEagerHttpServer server;
	EagerHttpClient client;

	@BeforeEach
	void start() throws IOException {
		silentDns = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		Thread reader = new Thread(this::readQueries, "silent-dns");
		reader.setDaemon(true);
		reader.start();
		server = EagerHttpServer.create().host("127.0.0.1").ioThreads(1)
				.handler(request -> Mono.just(EagerHttpResponse.ok("local")))
				.bindNow();
	}

	@AfterEach
	void stop() {
		if (client != null) {
			client.closeGracefully().block(Duration.ofSeconds(10));
		}
		server.shutdownGracefully(Duration.ZERO).block(Duration.ofSeconds(10));
		silentDns.close();
	}

	/** Records the name of every query (RFC 1035 §4.1: 12-byte header, then the QNAME labels). */
	private void readQueries() {
		byte[] buffer = new byte[1500];
		while (!silentDns.isClosed()) {
			DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
			try {
				silentDns.receive(packet);
			} catch (IOException closed) {
				return;
			}
			StringBuilder name = new StringBuilder();
			int i = 12;
			while (i < packet.getLength() && buffer[i] != 0) {
				int length = buffer[i] & 0xff;
				if (name.length() > 0) {
					name.append('.');
				}
				name.append(new String(buffer, i + 1, length, StandardCharsets.US_ASCII));
				i += length + 1;
			}
			queried.add(name.toString());
		}
	}

	/** A client on one event loop whose DNS resolver asks the silent name server only. */
	private EagerHttpClient clientWithSilentDns(NettyTransport transport) {
		return EagerHttpClient.builder().ioThreads(1).transport(transport)
				.dns(new SingletonDnsServerAddressStreamProvider((InetSocketAddress) silentDns.getLocalSocketAddress()),
						Duration.ofMinutes(1))
				.build();
	}

	private boolean queriedEveryHost() {
		for (int i = 0; i < HOSTS; i++) {
			String host = "host" + i + ".invalid";
			if (queried.stream().noneMatch(q -> q.startsWith(host))) {
				return false;
			}
		}
		return true;
	}

	@ParameterizedTest
	@EnumSource(NettyTransport.class)
	void outstandingLookupsDoNotHoldUpACallOnTheSameEventLoop(NettyTransport transport) {
		assumeTrue(transport.isAvailable(), () -> transport + " is not available here");
		client = clientWithSilentDns(transport);
		List<CompletableFuture<EagerHttpClientResponse>> lookups = new ArrayList<>();
		for (int i = 0; i < HOSTS; i++) {
			lookups.add(client.get("http://host" + i + ".invalid/").toFuture());
		}
		// Every lookup reached the (silent) name server: they are all in flight at once.
		await().atMost(Duration.ofSeconds(30)).until(this::queriedEveryHost);

		StepVerifier.create(client.get("http://127.0.0.1:" + server.port() + "/").map(EagerHttpClientResponse::bodyAsString))
				.expectNext("local")
				.verifyComplete();
		// ...and the local call completed while every lookup was still outstanding.
		assertThat(lookups).noneMatch(CompletableFuture::isDone);

		// Closing the client ends the outstanding lookups: each call fails.
		client.closeGracefully().block(Duration.ofSeconds(10));
		client = null;
		await().atMost(Duration.ofSeconds(30)).until(() -> lookups.stream().allMatch(CompletableFuture::isDone));
		assertThat(lookups).allMatch(CompletableFuture::isCompletedExceptionally);
	}

	@Test
	void literalAddressesAndLocalhostNeedNoNameServer() {
		client = clientWithSilentDns(NettyTransport.preferred());
		StepVerifier.create(client.get("http://127.0.0.1:" + server.port() + "/").map(EagerHttpClientResponse::bodyAsString))
				.expectNext("local")
				.verifyComplete();
		// localhost comes from the hosts file, never from the (silent) name server
		StepVerifier.create(client.get("http://localhost:" + server.port() + "/").map(EagerHttpClientResponse::bodyAsString))
				.expectNext("local")
				.verifyComplete();
	}
}
