package io.reactoreager.benchmarks.http;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipelining load generator against the raw Netty load-test server on loopback: it parses
 * pipelined responses (one write of several requests, answers possibly split across reads),
 * counts every response once, records a latency for each, and tells non-2xx answers apart.
 */
class PipelinedLoadTest {

	static EventLoopGroup loops;
	static Channel server;
	static int port;

	@BeforeAll
	static void start() {
		loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		server = ServerMain.bindWithCodec(loops, 0, RawNettyCacheServer.Handler.INSTANCE);
		port = ((InetSocketAddress) server.localAddress()).getPort();
	}

	@AfterAll
	static void stop() {
		server.close().syncUninterruptibly();
		loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	@Test
	void pipelinedResponsesAreEachCountedWithALatency() throws Exception {
		PipelinedLoad load = new PipelinedLoad();
		PipelinedLoad.Run run = load.run(URI.create("http://127.0.0.1:" + port + "/cache/k7"), 2, 16, 3, 1, -1);
		assertThat(run.requests()).isPositive();
		assertThat(run.cpuTicks()).isEqualTo(-1);
		assertThat(load.recorded()).as("one latency per completed response").isEqualTo(run.requests());
		assertThat(load.non2xx()).isZero();
		long p50 = load.percentile(50);
		long p99 = load.percentile(99);
		assertThat(p99).isGreaterThanOrEqualTo(p50).isLessThanOrEqualTo(load.maxMicros());
		assertThat(load.maxMicros()).isPositive();
	}

	@Test
	void notFoundAnswersAreCountedAsNon2xx() throws Exception {
		PipelinedLoad load = new PipelinedLoad();
		PipelinedLoad.Run run = load.run(URI.create("http://127.0.0.1:" + port + "/nothing-here"), 1, 4, 0.3, 0, -1);
		assertThat(run.requests()).isPositive();
		assertThat(load.non2xx()).isEqualTo(load.recorded()).isEqualTo(run.requests());
	}
}
