package io.reactoreager.benchmarks.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The backend of the cache-miss endpoint (4): a tiny keep-alive Netty server answering
 * {@code GET /item/{key}} with {@link CacheData#backendBody} (precomputed for {@code k0..k99}).
 *
 * <p>Usage: {@code BackendServer <port> <ioThreads> [--transport=nio|epoll|io_uring|auto]}.
 */
public final class BackendServer {

	private BackendServer() {}

	public static void main(String[] args) throws InterruptedException {
		int port = CacheData.intArg(args, 0, 8090);
		int ioThreads = CacheData.intArg(args, 1, 1);
		EventLoopGroup loops = CacheData.transport(args).newEventLoopGroup(ioThreads);
		Channel server = ServerMain.bindWithCodec(loops, port, Handler.INSTANCE);
		ServerMain.runUntilShutdown("backend", port, () -> {
			server.close().syncUninterruptibly();
			loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
		});
	}

	@ChannelHandler.Sharable
	static final class Handler extends ChannelInboundHandlerAdapter {
		static final Handler INSTANCE = new Handler();
		private static final Map<String, byte[]> ITEMS = new HashMap<>();

		static {
			for (int i = 0; i < 100; i++) {
				ITEMS.put("k" + i, CacheData.backendBody("k" + i));
			}
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			try {
				if (msg instanceof HttpRequest request) {
					String uri = request.uri();
					byte[] body = uri.startsWith(CacheData.ITEM_PREFIX)
							? ITEMS.get(CacheData.key(uri, CacheData.ITEM_PREFIX))
							: null;
					FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
							body != null ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND,
							body != null ? Unpooled.wrappedBuffer(body) : Unpooled.EMPTY_BUFFER);
					response.headers().set(HttpHeaderNames.CONTENT_TYPE, CacheData.CONTENT_TYPE);
					HttpUtil.setContentLength(response, response.content().readableBytes());
					HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
					ctx.write(response, ctx.voidPromise());
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
