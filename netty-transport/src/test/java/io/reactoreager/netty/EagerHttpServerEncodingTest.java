package io.reactoreager.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The server writes a keep-alive HTTP/1.1 answer from the response's head encoded once; these
 * tests pin that those bytes are exactly what Netty's {@code HttpResponseEncoder} writes for the
 * same response, and that the other answers (HEAD, HTTP/1.0) still go through the encoder.
 */
class EagerHttpServerEncodingTest {

	static final List<EagerHttpResponse> RESPONSES = List.of(
			EagerHttpResponse.ok("hello"),
			EagerHttpResponse.ok().build(),
			EagerHttpResponse.notFound(),
			EagerHttpResponse.status(201).header("Location", "/items/7").header("X-Multi", "a")
					.header("X-Multi", "b").contentType("application/json").body("{\"id\":7}"),
			EagerHttpResponse.status(299).header("X-Latin", "café").body(new byte[20_000]),
			// the server's own headers win: Content-Length is the body's, Connection is dropped
			EagerHttpResponse.ok().header("Content-Length", "999").header("Connection", "close").body("x"),
			// statuses whose headers the encoder rewrites: these still go through it
			EagerHttpResponse.status(204).build(),
			EagerHttpResponse.status(205).build(),
			EagerHttpResponse.status(304).header("ETag", "\"v1\"").build(),
			EagerHttpResponse.status(199).build());

	@Test
	void keepAliveAnswerIsByteForByteWhatHttpResponseEncoderWrites() {
		for (EagerHttpResponse response : RESPONSES) {
			byte[] written = serve(response, "GET /x HTTP/1.1\r\nHost: h\r\n\r\n");
			assertThat(new String(written, StandardCharsets.ISO_8859_1))
					.as("%s", response)
					.isEqualTo(new String(nettyEncoded(response, HttpVersion.HTTP_1_1, true, true), StandardCharsets.ISO_8859_1));
		}
	}

	@Test
	void headAndHttp10AnswersAreStillEncodedByNetty() {
		for (EagerHttpResponse response : RESPONSES) {
			assertThat(serve(response, "HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n"))
					.isEqualTo(nettyEncoded(response, HttpVersion.HTTP_1_1, true, false));
			assertThat(serve(response, "GET /x HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"))
					.isEqualTo(nettyEncoded(response, HttpVersion.HTTP_1_0, true, true));
		}
	}

	@Test
	void aHandlerAddedAfterTheServerHandlerSeesEveryResponse() {
		EagerHttpResponse response = EagerHttpResponse.ok("hello");
		EmbeddedChannel channel = new EmbeddedChannel(EagerHttpServer.create().idleTimeout(Duration.ZERO)
				.handler(request -> Mono.just(response)).channelInitializer());
		List<Object> seen = new ArrayList<>();
		channel.pipeline().addBefore("eager", "observer", new ChannelOutboundHandlerAdapter() {
			@Override
			public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
				seen.add(msg);
				ctx.write(msg, promise);
			}
		});
		try {
			channel.writeInbound(Unpooled.copiedBuffer("GET /a HTTP/1.1\r\nHost: h\r\n\r\nHEAD /b HTTP/1.1\r\nHost: h\r\n\r\n",
					StandardCharsets.US_ASCII));
			assertThat(drain(channel)).isNotEmpty();
			assertThat(seen).hasSize(2);
			assertThat(seen.get(0)).isSameAs(response);
			assertThat(seen.get(1)).isInstanceOf(FullHttpResponse.class);
		} finally {
			channel.finishAndReleaseAll();
		}
	}

	@Test
	void answersToOneReadLeaveAsOneBufferPerRunOfEagerAnswersInRequestOrder() {
		EagerHttpResponse response = EagerHttpResponse.ok("hello");
		EmbeddedChannel channel = new EmbeddedChannel(EagerHttpServer.create().idleTimeout(Duration.ZERO)
				.handler(request -> Mono.just(response)).channelInitializer());
		try {
			String get = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n";
			channel.writeInbound(Unpooled.copiedBuffer(get.repeat(16), StandardCharsets.US_ASCII));
			List<byte[]> buffers = drainBuffers(channel);
			byte[] one = nettyEncoded(response, HttpVersion.HTTP_1_1, true, true);
			assertThat(buffers).hasSize(1);
			assertThat(buffers.get(0)).isEqualTo(concat(one, 16));

			// a HEAD answer (a FullHttpResponse) between two GETs: the first GET's batch goes before it
			channel.writeInbound(Unpooled.copiedBuffer(get + "HEAD /b HTTP/1.1\r\nHost: h\r\n\r\n" + get,
					StandardCharsets.US_ASCII));
			buffers = drainBuffers(channel);
			byte[] head = nettyEncoded(response, HttpVersion.HTTP_1_1, true, false);
			assertThat(buffers.get(0)).isEqualTo(one);
			assertThat(concat(buffers.subList(1, buffers.size()))).isEqualTo(concat(List.of(head, one)));
		} finally {
			channel.finishAndReleaseAll();
		}
	}

	static List<byte[]> drainBuffers(EmbeddedChannel channel) {
		List<byte[]> buffers = new ArrayList<>();
		Object out;
		while ((out = channel.readOutbound()) != null) {
			try {
				buffers.add(ByteBufUtil.getBytes((ByteBuf) out));
			} finally {
				ReferenceCountUtil.release(out);
			}
		}
		return buffers;
	}

	static byte[] concat(byte[] bytes, int times) {
		return concat(java.util.Collections.nCopies(times, bytes));
	}

	static byte[] concat(List<byte[]> parts) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		parts.forEach(all::writeBytes);
		return all.toByteArray();
	}

	@Test
	void aResponseReturnedForManyRequestsIsEncodedOnce() {
		EagerHttpResponse response = EagerHttpResponse.ok("hello");
		byte[] first = response.keepAliveHead();
		serve(response, "GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n");
		assertThat(response.keepAliveHead()).isSameAs(first);
	}

	@Test
	void changingABuilderAfterBuildingLeavesTheBuiltResponseAsItWas() {
		EagerHttpResponse.Builder builder = EagerHttpResponse.ok().header("X-A", "1");
		EagerHttpResponse first = builder.body("one");
		builder.header("X-B", "2").contentType("application/json");
		EagerHttpResponse second = builder.body("two");

		assertThat(first.header("X-B")).isNull();
		assertThat(first.header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
		assertThat(second.header("X-B")).isEqualTo("2");
		assertThat(second.header("Content-Type")).isEqualTo("application/json");
		assertThat(new String(first.keepAliveHead(), StandardCharsets.US_ASCII)).doesNotContain("x-b", "X-B");
	}

	/** Everything the server writes for the given request bytes, answered with {@code response}. */
	static byte[] serve(EagerHttpResponse response, String requests) {
		EmbeddedChannel channel = new EmbeddedChannel(EagerHttpServer.create().idleTimeout(Duration.ZERO)
				.handler(request -> Mono.just(response)).channelInitializer());
		try {
			channel.writeInbound(Unpooled.copiedBuffer(requests, StandardCharsets.US_ASCII));
			return drain(channel);
		} finally {
			channel.finishAndReleaseAll();
		}
	}

	/** What the server's stock path writes: a FullHttpResponse through Netty's encoder. */
	static byte[] nettyEncoded(EagerHttpResponse value, HttpVersion version, boolean keepAlive, boolean withBody) {
		byte[] body = value.bodyForWrite();
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, value.status(),
				withBody && body.length > 0 ? Unpooled.wrappedBuffer(body) : Unpooled.EMPTY_BUFFER);
		response.headers().set(value.headersForWrite());
		HttpUtil.setContentLength(response, body.length);
		HttpUtil.setKeepAlive(response.headers(), version, keepAlive);
		EmbeddedChannel encoder = new EmbeddedChannel(new HttpResponseEncoder());
		try {
			encoder.writeOutbound(response);
			return drain(encoder);
		} finally {
			encoder.finishAndReleaseAll();
		}
	}

	static byte[] drain(EmbeddedChannel channel) {
		return concat(drainBuffers(channel));
	}
}
