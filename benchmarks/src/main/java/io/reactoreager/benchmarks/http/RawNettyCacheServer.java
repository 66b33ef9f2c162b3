package io.reactoreager.benchmarks.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Load-test server (2), the limit: a hand-written Netty HTTP/1.1 server, {@code HttpServerCodec}
 * plus one handler that answers {@code /cache/{key}} with a {@code FullHttpResponse} wrapping the
 * cached array, written in {@code channelRead} and flushed at {@code channelReadComplete}. No
 * request object, no routing, no Reactor.
 *
 * <p>Usage: {@code RawNettyCacheServer <port> <ioThreads> [--transport=nio|epoll|io_uring|auto]}.
 */
public final class RawNettyCacheServer {

	private static final AsciiString CONTENT_TYPE = AsciiString.cached(CacheData.CONTENT_TYPE);
	private static final byte[] NOT_FOUND = "Not Found".getBytes(StandardCharsets.US_ASCII);

	private RawNettyCacheServer() {}

	public static void main(String[] args) throws InterruptedException {
		int port = CacheData.intArg(args, 0, 8082);
		int ioThreads = CacheData.intArg(args, 1, 1);
		EventLoopGroup loops = CacheData.transport(args).newEventLoopGroup(ioThreads);
		Channel server = ServerMain.bindWithCodec(loops, port, Handler.INSTANCE);
		ServerMain.runUntilShutdown("raw-netty", port, () -> {
			server.close().syncUninterruptibly();
			loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
		});
	}

	/** Stateless, so one instance serves every connection. */
	@ChannelHandler.Sharable
	static final class Handler extends ChannelInboundHandlerAdapter {
		static final Handler INSTANCE = new Handler();

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			try {
				if (msg instanceof HttpRequest request) {
					String uri = request.uri();
					byte[] body = uri.startsWith(CacheData.CACHE_PREFIX)
							? CacheData.lookup(CacheData.key(uri, CacheData.CACHE_PREFIX))
							: null;
					FullHttpResponse response = body != null
							? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
									Unpooled.wrappedBuffer(body))
							: new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND,
									Unpooled.wrappedBuffer(NOT_FOUND));
					response.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
					HttpUtil.setContentLength(response, response.content().readableBytes());
					boolean keepAlive = HttpUtil.isKeepAlive(request);
					HttpUtil.setKeepAlive(response, keepAlive);
					if (keepAlive) {
						ctx.write(response, ctx.voidPromise());
					} else {
						ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
					}
				}
			} finally {
				ReferenceCountUtil.release(msg);
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}
	}
}
