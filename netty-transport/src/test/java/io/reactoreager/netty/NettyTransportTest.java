package io.reactoreager.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

class NettyTransportTest {

	/** Serves one GET and calls it with a client of the same transport; returns the body. */
	private static String roundTrip(EagerHttpServer serverOptions, EagerHttpClient.Builder clientOptions,
									NettyTransport expected) {
		BoundEagerHttpServer server = serverOptions.host("127.0.0.1").ioThreads(1)
				.handler(request -> Mono.just(EagerHttpResponse.ok("over " + expected)))
				.bindNow();
		EagerHttpClient client = clientOptions.ioThreads(1).build();
		try {
			assertThat(NettyTransport.of(server.channel().eventLoop().parent())).isEqualTo(expected);
			assertThat(server.channel()).isInstanceOf(expected.serverChannelType());
			assertThat(client.transport()).isEqualTo(expected);
			return client.get("http://127.0.0.1:" + server.port() + "/").block(Duration.ofSeconds(10)).bodyAsString();
		} finally {
			client.closeGracefully().block(Duration.ofSeconds(10));
			server.shutdownGracefully(Duration.ZERO).block(Duration.ofSeconds(10));
		}
	}

	@Test
	void autoPicksEpollWhenItIsAvailableElseIoUringElseNio() {
		NettyTransport expected = Epoll.isAvailable() ? NettyTransport.EPOLL
				: IoUring.isAvailable() ? NettyTransport.IO_URING : NettyTransport.NIO;
		assertThat(NettyTransport.preferred()).isEqualTo(expected);
		assertThat(roundTrip(EagerHttpServer.create(), EagerHttpClient.builder(), expected))
				.isEqualTo("over " + expected);
	}

	@Test
	void serverAndClientRunOnEpollByDefaultWhereEpollIsAvailable() {
		assumeTrue(Epoll.isAvailable(), () -> "epoll is not available here: " + Epoll.unavailabilityCause());
		assertThat(roundTrip(EagerHttpServer.create(), EagerHttpClient.builder(), NettyTransport.EPOLL))
				.isEqualTo("over EPOLL");
	}

	@Test
	void forcingNioRunsNioEvenWhereANativeTransportIsAvailable() {
		assertThat(roundTrip(EagerHttpServer.create().transport(NettyTransport.NIO),
				EagerHttpClient.builder().transport(NettyTransport.NIO), NettyTransport.NIO))
				.isEqualTo("over NIO");
	}

	@ParameterizedTest
	@EnumSource(NettyTransport.class)
	void everyAvailableTransportServesAndCalls(NettyTransport transport) {
		assumeTrue(transport.isAvailable(), () -> transport + " is not available here: " + transport.unavailabilityCause());
		assertThat(transport.unavailabilityCause()).isNull();
		assertThat(roundTrip(EagerHttpServer.create().transport(transport),
				EagerHttpClient.builder().transport(transport), transport))
				.isEqualTo("over " + transport);
	}

	@ParameterizedTest
	@EnumSource(NettyTransport.class)
	void forcingAnUnavailableTransportFailsWithNettysReason(NettyTransport transport) {
		assumeTrue(!transport.isAvailable(), () -> transport + " is available here");
		Throwable reason = transport.unavailabilityCause();
		assertThat(reason).isNotNull();
		assertThatThrownBy(() -> EagerHttpClient.builder().transport(transport).build())
				.isInstanceOf(IllegalStateException.class)
				.hasMessageStartingWith("the " + transport + " transport is not available here: ")
				.hasCause(reason);
		assertThatThrownBy(() -> EagerHttpServer.create().transport(transport)
				.handler(request -> Mono.empty()).bind())
				.isInstanceOf(IllegalStateException.class)
				.hasCause(reason);
	}

	@Test
	void nioIsAlwaysAvailableAndAtLeastOneTransportIsReported() {
		assertThat(NettyTransport.NIO.isAvailable()).isTrue();
		assertThat(Arrays.stream(NettyTransport.values()).filter(NettyTransport::isAvailable)).isNotEmpty();
	}

	@Test
	void theSystemPropertyForcesATransportAndRejectsUnknownNames() {
		String before = System.getProperty(NettyTransport.PROPERTY);
		try {
			System.setProperty(NettyTransport.PROPERTY, "nio");
			assertThat(NettyTransport.preferred()).isEqualTo(NettyTransport.NIO);
			System.setProperty(NettyTransport.PROPERTY, "auto");
			assertThat(NettyTransport.preferred()).isEqualTo(NettyTransport.auto());
			System.setProperty(NettyTransport.PROPERTY, "kqueue");
			assertThatThrownBy(NettyTransport::preferred)
					.isInstanceOf(IllegalArgumentException.class)
					.hasMessage("-D" + NettyTransport.PROPERTY + " must be nio, epoll, io_uring or auto, was kqueue");
			for (NettyTransport transport : NettyTransport.values()) {
				System.setProperty(NettyTransport.PROPERTY, transport.name().toLowerCase());
				if (transport.isAvailable()) {
					assertThat(NettyTransport.preferred()).isEqualTo(transport);
				} else {
					assertThatThrownBy(NettyTransport::preferred).isInstanceOf(IllegalStateException.class)
							.hasCause(transport.unavailabilityCause());
				}
			}
		} finally {
			if (before == null) {
				System.clearProperty(NettyTransport.PROPERTY);
			} else {
				System.setProperty(NettyTransport.PROPERTY, before);
			}
		}
	}

	@Test
	void aGroupOfYoursDecidesTheTransportAndAMismatchIsRejected() {
		EventLoopGroup nio = NettyTransport.NIO.newEventLoopGroup(1);
		EventLoopGroup notSockets = new DefaultEventLoopGroup(1);
		try {
			assertThat(NettyTransport.of(nio)).isEqualTo(NettyTransport.NIO);
			assertThat(NettyTransport.select(null, nio)).isEqualTo(NettyTransport.NIO);
			for (NettyTransport other : NettyTransport.values()) {
				if (other != NettyTransport.NIO) {
					assertThatThrownBy(() -> EagerHttpClient.builder().eventLoopGroup(nio).transport(other).build())
							.isInstanceOf(IllegalArgumentException.class)
							.hasMessage("transport " + other + " was forced but the event loop group runs NIO");
				}
			}
			assertThatThrownBy(() -> NettyTransport.of(notSockets))
					.isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining("no socket transport runs on");
			BoundEagerHttpServer server = EagerHttpServer.create().host("127.0.0.1").eventLoopGroup(nio)
					.handler(request -> Mono.just(EagerHttpResponse.ok("mine"))).bindNow();
			assertThat(server.channel()).isInstanceOf(NioServerSocketChannel.class);
			server.shutdownGracefully(Duration.ZERO).block(Duration.ofSeconds(10));
		} finally {
			nio.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
			notSockets.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
		}
	}

	@Test
	void whereNativeTransportsCannotLoadAutoFallsBackToNioAndForcingOneFailsClearly() throws Exception {
		// Netty decides availability once per JVM, so the check runs in a JVM where
		// -Dio.netty.transport.noNative=true keeps both native libraries from loading.
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), "-Dio.netty.transport.noNative=true",
				NoNative.class.getName())
				.redirectErrorStream(true)
				.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String reason = "java.lang.UnsupportedOperationException: Native transport was explicit disabled with"
				+ " -Dio.netty.transport.noNative=true";
		assertThat(output.lines().filter(l -> l.startsWith("> ")))
				.containsExactly(
						"> preferred NIO",
						"> client NIO",
						"> client EPOLL: java.lang.IllegalStateException: the EPOLL transport is not available here: " + reason,
						"> client IO_URING: java.lang.IllegalStateException: the IO_URING transport is not available here: " + reason,
						"> server EPOLL: java.lang.IllegalStateException: the EPOLL transport is not available here: " + reason,
						"> server IO_URING: java.lang.IllegalStateException: the IO_URING transport is not available here: " + reason);
	}

	/** Run by the test above in a JVM without native transports; prints what it sees. */
	static final class NoNative {
		public static void main(String[] args) {
			System.out.println("> preferred " + NettyTransport.preferred());
			EagerHttpClient auto = EagerHttpClient.builder().ioThreads(1).build();
			System.out.println("> client " + auto.transport());
			auto.closeGracefully().block(Duration.ofSeconds(10));
			for (NettyTransport forced : new NettyTransport[] {NettyTransport.EPOLL, NettyTransport.IO_URING}) {
				try {
					EagerHttpClient.builder().transport(forced).build().close();
					System.out.println("> client " + forced + " built");
				} catch (RuntimeException e) {
					System.out.println("> client " + forced + ": " + e);
				}
			}
			for (NettyTransport forced : new NettyTransport[] {NettyTransport.EPOLL, NettyTransport.IO_URING}) {
				try {
					EagerHttpServer.create().transport(forced).handler(request -> Mono.empty()).bind();
					System.out.println("> server " + forced + " bound");
				} catch (RuntimeException e) {
					System.out.println("> server " + forced + ": " + e);
				}
			}
		}
	}
}
