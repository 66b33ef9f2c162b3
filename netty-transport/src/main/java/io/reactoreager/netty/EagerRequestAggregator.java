package io.reactoreager.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

/**
 * Turns the decoder's head and contents into one {@link EagerHttpRequest}, its body copied into
 * an array that grows as the bytes arrive (never allocated at the declared {@code Content-Length}),
 * and passes on, in order with the requests:
 * <ul>
 *   <li>an {@link EagerHttpRequest} once its last content arrived;</li>
 *   <li>a {@link RequestRejectedException} for a request the server refuses: a decoder failure
 *       (400; headers too large → 431; request line too long → 414; the status of a
 *       {@link RequestRejectedException} from {@link StrictRequestDecoder}), a body over
 *       {@code maxBodySize} (declared or received) → 413, an {@code Expect} other than
 *       {@code 100-continue} → 417, a request that timed out ({@link HeaderTimeoutHandler}) → 408.
 *       Nothing after a rejection is passed on;</li>
 *   <li>{@link #CONTINUE} when a head asks for {@code 100-continue}: the next handler decides
 *       whether the interim answer can be sent without overtaking an owed response.</li>
 * </ul>
 * Ownership: every message from the decoder is released here, after its bytes were copied.
 */
final class EagerRequestAggregator extends ChannelInboundHandlerAdapter {

	/** Passed on when a request head expects {@code 100-continue}. */
	static final Object CONTINUE = new Object() {
		@Override
		public String toString() {
			return "100-continue";
		}
	};

	private final int maxBodySize;
	/** The request whose body is being read, or null between requests. */
	private HttpRequest head;
	private byte[] body;
	private int bodyLength;
	/** The head's {@code Content-Length}, or -1: caps the body array's growth. */
	private long declaredLength = -1;
	private boolean rejected;

	EagerRequestAggregator(int maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		try {
			if (rejected) {
				return; // nothing after a rejection is served
			}
			if (msg instanceof RequestRejectedException timeout) {
				reject(ctx, timeout.status()); // HeaderTimeoutHandler's 408
				return;
			}
			if (msg instanceof HttpRequest request) {
				onHead(ctx, request);
			}
			if (msg instanceof HttpContent content && head != null) {
				onContent(ctx, content);
			}
		} finally {
			ReferenceCountUtil.release(msg);
		}
	}

	private void onHead(ChannelHandlerContext ctx, HttpRequest request) {
		DecoderResult result = request.decoderResult();
		if (result.isFailure()) {
			reject(ctx, statusFor(result.cause()));
			return;
		}
		long contentLength;
		try {
			contentLength = HttpUtil.getContentLength(request, -1L);
		} catch (NumberFormatException e) {
			reject(ctx, HttpResponseStatus.BAD_REQUEST);
			return;
		}
		if (contentLength > maxBodySize) {
			reject(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
			return;
		}
		String expect = request.headers().get(HttpHeaderNames.EXPECT);
		if (expect != null) {
			if (!HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect)) {
				reject(ctx, HttpResponseStatus.EXPECTATION_FAILED);
				return;
			}
			if (request.protocolVersion().minorVersion() >= 1) {
				ctx.fireChannelRead(CONTINUE);
			}
		}
		head = request;
		body = null; // memory follows the bytes received: the array grows as they arrive
		bodyLength = 0;
		declaredLength = contentLength;
	}

	private void onContent(ChannelHandlerContext ctx, HttpContent content) {
		if (content.decoderResult().isFailure()) {
			reject(ctx, statusFor(content.decoderResult().cause()));
			return;
		}
		ByteBuf buf = content.content();
		int n = buf.readableBytes();
		if (n > 0) {
			if ((long) bodyLength + n > maxBodySize) {
				reject(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
				return;
			}
			ensureBodyCapacity(bodyLength + n);
			buf.getBytes(buf.readerIndex(), body, bodyLength, n);
			bodyLength += n;
		}
		if (content instanceof LastHttpContent last) {
			HttpRequest request = head;
			if (!last.trailingHeaders().isEmpty()) {
				request.headers().add(last.trailingHeaders());
			}
			EagerHttpRequest complete = new EagerHttpRequest(request.method(), request.protocolVersion(),
					request.uri(), request.headers(), body, bodyLength, ctx.channel().remoteAddress(),
					HttpUtil.isKeepAlive(request));
			head = null;
			body = null;
			ctx.fireChannelRead(complete);
		}
	}

	private void ensureBodyCapacity(int needed) {
		byte[] current = body;
		if (current == null || current.length < needed) {
			int size = current == null ? 256 : current.length * 2;
			long cap = declaredLength >= needed ? declaredLength : maxBodySize;
			size = (int) Math.min(Math.max(size, needed), cap);
			byte[] grown = new byte[size];
			if (current != null) {
				System.arraycopy(current, 0, grown, 0, bodyLength);
			}
			body = grown;
		}
	}

	private void reject(ChannelHandlerContext ctx, HttpResponseStatus status) {
		rejected = true;
		head = null;
		body = null;
		ctx.fireChannelRead(new RequestRejectedException(status, status.reasonPhrase()));
	}

	private static HttpResponseStatus statusFor(Throwable cause) {
		if (cause instanceof RequestRejectedException rejection) {
			return rejection.status();
		}
		if (cause instanceof TooLongHttpHeaderException) {
			return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
		}
		if (cause instanceof TooLongHttpLineException) {
			return HttpResponseStatus.REQUEST_URI_TOO_LONG;
		}
		return HttpResponseStatus.BAD_REQUEST;
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		head = null;
		body = null;
		ctx.fireChannelInactive();
	}

	/** Bytes held for the body being read (the array's capacity, not the declared length). */
	int bodyCapacity() {
		return body == null ? 0 : body.length;
	}

	/** Body bytes received so far for the request being read. */
	int bodyReceived() {
		return bodyLength;
	}
}
