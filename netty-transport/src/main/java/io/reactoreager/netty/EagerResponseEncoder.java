package io.reactoreager.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
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
 * <p>Batching: such responses written with the void promise (as the server writes them) between
 * two flushes are kept, in order, and written at the flush as one buffer of their exact total size
 * (pipelined requests answered in one read become one buffer and one entry of the outbound
 * buffer, not one each). A batch is written out before any other message (order is kept), and
 * once it holds {@value #BATCH_RESPONSES} responses or {@value #BATCH_BYTES} bytes, so what it
 * holds outside Netty's outbound-buffer accounting is bounded. Nothing is held between flushes
 * but references to immutable responses, so a connection closed with a batch pending has nothing
 * to release.
 *
 * <p>The response is written through the pipeline like any message, so handlers placed between
 * this encoder and the server handler see it (as an {@code EagerHttpResponse}, not an
 * {@code HttpResponse}). Ownership: the response's arrays are never modified or released; the
 * buffers written are the transport's to release.
 */
final class EagerResponseEncoder extends HttpResponseEncoder {

	/** Bodies up to this size are copied into the head's buffer (one buffer, one write). */
	private static final int MERGE_BODY_LIMIT = 8192;
	/** Responses kept for one buffer before a flush writes them. */
	static final int BATCH_RESPONSES = 16;
	/** Bytes kept for one buffer before a flush writes them. */
	static final int BATCH_BYTES = 16384;

	private final EagerHttpResponse[] batch = new EagerHttpResponse[BATCH_RESPONSES];
	private int batched;
	private int batchBytes;

	@Override
	public boolean acceptOutboundMessage(Object msg) throws Exception {
		return msg instanceof EagerHttpResponse || super.acceptOutboundMessage(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (msg instanceof EagerHttpResponse response && promise.isVoid()
				&& response.bodyForWrite().length <= MERGE_BODY_LIMIT) {
			int size = response.keepAliveHead().length + response.bodyForWrite().length;
			if (batched == BATCH_RESPONSES || batched > 0 && batchBytes + size > BATCH_BYTES) {
				writeBatch(ctx);
			}
			batch[batched++] = response;
			batchBytes += size;
			return;
		}
		writeBatch(ctx); // what came before goes first
		super.write(ctx, msg, promise);
	}

	@Override
	public void flush(ChannelHandlerContext ctx) {
		writeBatch(ctx);
		ctx.flush();
	}

	/** Writes the batched responses, heads and bodies in order, as one buffer of their exact size. */
	private void writeBatch(ChannelHandlerContext ctx) {
		int n = batched;
		if (n == 0) {
			return;
		}
		ByteBuf buf = ctx.alloc().buffer(batchBytes);
		EagerHttpResponse[] responses = batch;
		for (int i = 0; i < n; i++) {
			buf.writeBytes(responses[i].keepAliveHead()).writeBytes(responses[i].bodyForWrite());
			responses[i] = null;
		}
		batched = 0;
		batchBytes = 0;
		ctx.write(buf, ctx.voidPromise());
	}

	@Override
	public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
		dropBatch(); // unflushed writes are discarded on close, as in the outbound buffer
		super.close(ctx, promise);
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
		dropBatch();
		super.handlerRemoved(ctx);
	}

	private void dropBatch() {
		java.util.Arrays.fill(batch, 0, batched, null);
		batched = 0;
		batchBytes = 0;
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
