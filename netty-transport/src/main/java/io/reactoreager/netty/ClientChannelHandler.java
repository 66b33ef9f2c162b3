package io.reactoreager.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.util.ReferenceCountUtil;
import java.util.Arrays;

/**
 * The last handler of a pooled client channel: reads the decoder's {@link HttpObject}s of one
 * response into the {@link ClientExchange} that owns the channel right now. Event loop only.
 *
 * <p>It never makes up a response: every object's {@code decoderResult()} is checked, and an
 * exchange completes only on the response's {@link LastHttpContent}. A failed decode, a body over
 * the limit, a response nobody asked for, or a connection that closes before the last byte fails
 * the exchange with the cause named, and the channel is closed (so the pool never hands it out
 * again). Interim 1xx responses are skipped.
 *
 * <p>Ownership: every inbound message is released here, in {@code channelRead}'s
 * {@code finally}, exactly once; the body bytes are copied out before that, into an array that
 * grows with the bytes received (never to a declared length up front).
 */
final class ClientChannelHandler extends ChannelInboundHandlerAdapter {

	private static final byte[] EMPTY = new byte[0];

	private final int maxBodySize;

	/** The exchange using this channel, or null while it idles in the pool. */
	ClientExchange current;
	/** When the channel was last given back to the pool ({@code System.nanoTime()}); read by the idle sweep. */
	volatile long idleSince;
	/** True while the channel idles in the pool. */
	volatile boolean pooled;

	/** The head of the response being read, null before it (and between responses). */
	private HttpResponse head;
	/** True while skipping an interim 1xx response up to its end. */
	private boolean interim;
	private byte[] body = EMPTY;
	private int bodyLength;

	ClientChannelHandler(int maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		// a loop-turn boundary for the fairness budget
		NettyEagerPolicy.loopTurn(ctx.executor());
		try {
			if (current == null) {
				// A response nobody asked for: the channel's framing can no longer be trusted.
				ctx.close();
			} else if (msg instanceof HttpObject object) {
				read(ctx, object);
			} else {
				fail(ctx, new DecoderException("not an HTTP message: " + msg.getClass().getName()));
			}
		} finally {
			ReferenceCountUtil.release(msg);
		}
	}

	private void read(ChannelHandlerContext ctx, HttpObject object) {
		DecoderResult result = object.decoderResult();
		if (!result.isSuccess()) {
			fail(ctx, invalid(result.cause()));
			return;
		}
		if (object instanceof HttpResponse response) {
			if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
				if (response.status().code() == 101) {
					fail(ctx, new DecoderException("unexpected 101 Switching Protocols: the client asked for no upgrade"));
					return;
				}
				// 100 Continue, 103 Early Hints...: the final response follows on the same connection.
				interim = true;
			} else {
				long declared = HttpUtil.getContentLength(response, -1L);
				if (declared > maxBodySize) {
					fail(ctx, tooLong(declared));
					return;
				}
				head = response;
			}
		}
		if (object instanceof HttpContent content) {
			if (interim) {
				interim = !(content instanceof LastHttpContent);
				return;
			}
			if (head == null) {
				fail(ctx, new DecoderException("response content without a response head"));
				return;
			}
			if (!append(content.content())) {
				fail(ctx, tooLong((long) bodyLength + content.content().readableBytes()));
				return;
			}
			if (content instanceof LastHttpContent) {
				complete();
			}
		}
	}

	/** Copies {@code data} after the body read so far; false when that would exceed the limit. */
	private boolean append(ByteBuf data) {
		int n = data.readableBytes();
		if (n == 0) {
			return true;
		}
		long total = (long) bodyLength + n;
		if (total > maxBodySize) {
			return false;
		}
		if (total > body.length) {
			long declared = HttpUtil.getContentLength(head, -1L);
			long cap = declared >= total ? declared : maxBodySize;
			// Doubling, but never past the declared length: memory follows the bytes received.
			body = Arrays.copyOf(body, (int) Math.min(cap, Math.max(total, 2L * body.length)));
		}
		data.getBytes(data.readerIndex(), body, bodyLength, n);
		bodyLength += n;
		return true;
	}

	private void complete() {
		HttpResponse response = head;
		byte[] bytes = body.length == bodyLength ? body : Arrays.copyOf(body, bodyLength);
		ClientExchange exchange = current;
		reset();
		exchange.onResponse(new EagerHttpClientResponse(response.status(), response.headers(), bytes),
				HttpUtil.isKeepAlive(response));
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		if (current != null) {
			fail(ctx, new PrematureChannelClosureException(closedMessage()));
		}
		ctx.fireChannelInactive();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (current != null) {
			fail(ctx, cause);
		} else {
			ctx.close();
		}
	}

	/** The exchange was abandoned (timeout, cancellation) while it owned the channel. */
	void detach(ClientExchange exchange) {
		if (current == exchange) {
			reset();
		}
	}

	/** Fails the current exchange, which closes the channel; the channel is closed here too. */
	private void fail(ChannelHandlerContext ctx, Throwable cause) {
		ClientExchange exchange = current;
		reset();
		if (exchange != null) {
			exchange.onFailure(cause);
		}
		ctx.close();
	}

	private void reset() {
		current = null;
		head = null;
		interim = false;
		body = EMPTY;
		bodyLength = 0;
	}

	private Throwable invalid(Throwable cause) {
		if (cause instanceof PrematureChannelClosureException) {
			return new PrematureChannelClosureException(closedMessage(), cause);
		}
		return new DecoderException("invalid response " + (head == null ? "head" : "body") + ": " + cause.getMessage(), cause);
	}

	private String closedMessage() {
		if (head == null) {
			return "connection closed before the response head was complete";
		}
		long declared = HttpUtil.getContentLength(head, -1L);
		return "connection closed before the response body was complete (" + bodyLength
				+ (declared >= 0 ? " of " + declared + " bytes)" : " bytes of a chunked body)");
	}

	private TooLongHttpContentException tooLong(long bytes) {
		return new TooLongHttpContentException("response body of " + bytes + " bytes or more exceeds maxResponseBodySize ("
				+ maxBodySize + " bytes)");
	}
}
