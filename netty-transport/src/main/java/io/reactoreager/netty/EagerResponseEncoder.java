package io.reactoreager.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Netty's {@code HttpResponseEncoder}, which also encodes an {@link EagerHttpResponse} written as
 * such: the server writes one for a keep-alive HTTP/1.1 answer that is not to a {@code HEAD} and
 * whose status the encoder keeps as it is ({@link #encodedAsIs}), and this encoder writes the
 * response's status line and headers, encoded once per response and kept in it, followed by its
 * body, in one pooled buffer (a body over 8 KiB follows as a second, wrapped buffer). Those are
 * the bytes the stock encoder writes for the same answer as a {@code FullHttpResponse}
 * ({@code EagerHttpServerEncodingTest} compares them), without building one, its two header maps,
 * or encoding the same headers again for every request. Every other message (the server's
 * {@code FullHttpResponse}s included) is the stock encoder's.
 *
 * <p>The response is written through the pipeline like any message, so handlers placed between
 * this encoder and the server handler see it (as an {@code EagerHttpResponse}, not an
 * {@code HttpResponse}). Ownership: the response's arrays are never modified or released; the
 * buffers written are the transport's to release.
 */
final class EagerResponseEncoder extends HttpResponseEncoder {

	/** Bodies up to this size are copied into the head's buffer (one buffer, one write). */
	private static final int MERGE_BODY_LIMIT = 8192;

	@Override
	public boolean acceptOutboundMessage(Object msg) throws Exception {
		return msg instanceof EagerHttpResponse || super.acceptOutboundMessage(msg);
	}

	@Override
	protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) throws Exception {
		if (msg instanceof EagerHttpResponse response) {
			byte[] head = response.keepAliveHead();
			byte[] body = response.bodyForWrite();
			if (body.length <= MERGE_BODY_LIMIT) {
				out.add(ctx.alloc().buffer(head.length + body.length).writeBytes(head).writeBytes(body));
			} else {
				out.add(Unpooled.wrappedBuffer(head));
				out.add(Unpooled.wrappedBuffer(body));
			}
			return;
		}
		super.encode(ctx, msg, out);
	}

	/**
	 * False for the statuses whose headers the stock encoder rewrites (1xx and 204 lose
	 * {@code Content-Length}, 205 gets {@code Content-Length: 0}, 304 keeps it with no body):
	 * those answers are written as {@code FullHttpResponse}s.
	 */
	static boolean encodedAsIs(int status) {
		return status >= 200 && status != 204 && status != 205 && status != 304;
	}

	/** A {@code FullHttpResponse} wrapping the response's array (no copy); no body for {@code HEAD}. */
	static FullHttpResponse render(EagerHttpResponse value, HttpMethod method) {
		byte[] bytes = value.bodyForWrite();
		ByteBuf content = bytes.length == 0 || HttpMethod.HEAD.equals(method)
				? Unpooled.EMPTY_BUFFER
				: Unpooled.wrappedBuffer(bytes);
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, value.status(), content);
		response.headers().set(value.headersForWrite());
		HttpUtil.setContentLength(response, bytes.length);
		return response;
	}

	/** The server's own answer for a status: its reason phrase as a short text body. */
	static FullHttpResponse plain(HttpResponseStatus status) {
		byte[] text = status.reasonPhrase().getBytes(StandardCharsets.US_ASCII);
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
				Unpooled.wrappedBuffer(text));
		response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=US-ASCII");
		HttpUtil.setContentLength(response, text.length);
		return response;
	}
}
