package io.reactoreager.benchmarks.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import io.reactoreager.EagerPolicy;
import io.reactoreager.netty.EagerHttpResponse;
import io.reactoreager.netty.EagerHttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * What one HTTP server pipeline costs per request on the event loop, without the socket: the
 * cache-hit request of the load test ({@code run-http.sh}) written into an {@code EmbeddedChannel}
 * as one read, the response bytes taken out, for the servers of the load test side by side:
 * {@code eager} ({@code EagerHttpServer}'s pipeline, a resolved {@code Mono.just} answer),
 * {@code eagerNoTimeouts} (the same without the idle and header timeout handlers, to price them),
 * {@code eagerSwitchOff} (the same with the switch off: the Mono is subscribed, the stock path)
 * and {@code rawNetty} ({@code HttpServerCodec} and {@link RawNettyCacheServer}'s handler, the
 * limit). {@code oneRequest} is a read with one request (wrk's one request at a time);
 * {@code pipelined16} a read with 16 (the pipelined load). Time per request, and with
 * {@code -prof gc} bytes per request; the kernel's share (read, write, epoll) is not in it.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar HttpPipelineBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class HttpPipelineBenchmark {

	static final byte[] REQUEST = ("GET /cache/k7 HTTP/1.1\r\nHost: 127.0.0.1:18081\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);

	@Param({"eager", "eagerNoTimeouts", "eagerSwitchOff", "rawNetty"})
	public String server;

	EmbeddedChannel channel;
	ByteBuf one;
	ByteBuf sixteen;

	@Setup(Level.Trial)
	public void setUp() {
		EagerPolicy.setEnabled(!server.equals("eagerSwitchOff"));
		channel = server.equals("rawNetty")
				? new EmbeddedChannel(new HttpServerCodec(), RawNettyCacheServer.Handler.INSTANCE)
				: server.equals("eagerNoTimeouts")
				? new EmbeddedChannel(eagerServer().idleTimeout(Duration.ZERO).headerTimeout(Duration.ZERO).channelInitializer())
				: new EmbeddedChannel(eagerServer().channelInitializer());
		one = Unpooled.directBuffer(REQUEST.length).writeBytes(REQUEST);
		sixteen = Unpooled.directBuffer(REQUEST.length * 16);
		for (int i = 0; i < 16; i++) {
			sixteen.writeBytes(REQUEST);
		}
	}

	/** {@code EagerCacheServer}'s cache-hit handler: a prebuilt resolved answer per key. */
	static EagerHttpServer eagerServer() {
		Map<String, Mono<EagerHttpResponse>> hits = EagerCacheServer.hits();
		Mono<EagerHttpResponse> notFound = Mono.just(EagerHttpResponse.notFound());
		return EagerHttpServer.create().handler(req -> {
			Mono<EagerHttpResponse> hit = req.uri().startsWith(CacheData.CACHE_PREFIX)
					? hits.get(CacheData.key(req.uri(), CacheData.CACHE_PREFIX))
					: null;
			return hit != null ? hit : notFound;
		});
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		channel.finishAndReleaseAll();
		one.release();
		sixteen.release();
		EagerPolicy.setEnabled(true);
	}

	@Benchmark
	public int oneRequest() {
		return exchange(one);
	}

	@Benchmark
	@OperationsPerInvocation(16)
	public int pipelined16() {
		return exchange(sixteen);
	}

	private int exchange(ByteBuf requests) {
		channel.writeInbound(requests.retainedDuplicate());
		int bytes = 0;
		Object out;
		while ((out = channel.readOutbound()) != null) {
			bytes += ((ByteBuf) out).readableBytes();
			ReferenceCountUtil.release(out);
		}
		if (bytes == 0) {
			throw new IllegalStateException("no response");
		}
		return bytes;
	}
}
