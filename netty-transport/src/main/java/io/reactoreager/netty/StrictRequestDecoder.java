package io.reactoreager.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Iterator;
import java.util.List;

/**
 * Netty's request decoder with the request rules of RFC 9112 a server must enforce, each
 * answered by a decoder failure ({@link RequestRejectedException} with its status) that the
 * server answers in order and then closes:
 * <ul>
 *   <li>a version other than HTTP/1.x (such as {@code HTTP/2.0} or {@code HTTP/9.9}) → 505
 *       (§2.3);</li>
 *   <li>a method with a lowercase letter (methods are case-sensitive, §3.1) → 400;</li>
 *   <li>a target that is neither origin-form ({@code /path}), absolute-form
 *       ({@code http://host:port/path}), nor {@code *} with {@code OPTIONS} → 400 (§3.2);
 *       absolute-form is accepted: the target becomes its path and query, and {@code Host}
 *       becomes its authority (§3.2.2);</li>
 *   <li>an HTTP/1.1 request without {@code Host}, or any request with more than one → 400
 *       (§3.2);</li>
 *   <li>{@code Content-Length} together with {@code Transfer-Encoding} → 400 (§6.1; Netty's
 *       default quietly drops the {@code Content-Length}, which opens the door to smuggling);</li>
 *   <li>a chunk whose declared size would take the body over {@code maxBodySize} → 413 as soon as
 *       its size line is read, without waiting for its data.</li>
 * </ul>
 * After a failure the rest of the connection's input is discarded.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {

	private static final int SIZE = 0;
	private static final int SIZE_LINE_END = 1;
	private static final int DATA = 2;
	private static final int DATA_LINE_END = 3;
	private static final int LAST_CHUNK = 4;

	private final long maxBodySize;
	/** The authority of an absolute-form target, to become the request's Host; null otherwise. */
	private String absoluteAuthority;
	private boolean failed;

	/** True between a chunked request's head and its last content: the framing below follows it. */
	private boolean chunked;
	private int framing;
	private long value;
	private boolean sizeDigits;
	private long declaredBody;

	StrictRequestDecoder(HttpDecoderConfig config, long maxBodySize) {
		super(config);
		this.maxBodySize = maxBodySize;
	}

	@Override
	protected HttpMessage createMessage(String[] initialLine) throws Exception {
		HttpRequest request = (HttpRequest) super.createMessage(initialLine);
		if (request.protocolVersion().majorVersion() != 1) {
			throw new RequestRejectedException(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED,
					"unsupported version " + request.protocolVersion());
		}
		String method = request.method().name();
		for (int i = 0; i < method.length(); i++) {
			char c = method.charAt(i);
			if (c >= 'a' && c <= 'z') {
				throw new RequestRejectedException(HttpResponseStatus.BAD_REQUEST, "method not in upper case: " + method);
			}
		}
		absoluteAuthority = null;
		String target = request.uri();
		if (target.startsWith("/")) {
			return request;
		}
		if (target.equals("*")) {
			if (HttpMethod.OPTIONS.equals(request.method())) {
				return request;
			}
			throw new RequestRejectedException(HttpResponseStatus.BAD_REQUEST, "'*' target with " + method);
		}
		int scheme = target.indexOf("://");
		if (scheme > 0 && isScheme(target, scheme)) {
			int authorityStart = scheme + 3;
			int pathStart = authorityStart;
			while (pathStart < target.length() && target.charAt(pathStart) != '/' && target.charAt(pathStart) != '?') {
				pathStart++;
			}
			if (pathStart == authorityStart) {
				throw new RequestRejectedException(HttpResponseStatus.BAD_REQUEST, "absolute-form target without a host");
			}
			absoluteAuthority = target.substring(authorityStart, pathStart);
			String rest = target.substring(pathStart);
			request.setUri(rest.startsWith("/") ? rest : "/" + rest);
			return request;
		}
		throw new RequestRejectedException(HttpResponseStatus.BAD_REQUEST, "request target in no accepted form");
	}

	private static boolean isScheme(String target, int end) {
		if (!Character.isLetter(target.charAt(0))) {
			return false;
		}
		for (int i = 1; i < end; i++) {
			char c = target.charAt(i);
			if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
				return false;
			}
		}
		return true;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
		if (failed) {
			buffer.skipBytes(buffer.readableBytes()); // nothing after a rejection is served
			return;
		}
		int from = out.size();
		int start = buffer.readerIndex();
		boolean wasChunked = chunked;
		super.decode(ctx, buffer, out);
		if (wasChunked && !followFraming(buffer, start, buffer.readerIndex())) {
			failed = true;
			out.add(rejectedContent(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
					"a chunk takes the body over " + maxBodySize + " bytes"));
			return;
		}
		HttpRequest bodyFollows = null;
		for (int i = from; i < out.size(); i++) {
			Object message = out.get(i);
			if (message instanceof HttpRequest request) {
				bodyFollows = onHead(request) ? request : null;
			}
			if (message instanceof LastHttpContent) {
				chunked = false;
				bodyFollows = null;
			}
			if (message instanceof DecoderResultProvider provider && provider.decoderResult().isFailure()) {
				failed = true;
			}
		}
		if (bodyFollows != null && HttpUtil.isTransferEncodingChunked(bodyFollows)) {
			// a head whose body is still to come (a request without one ends in the same call)
			chunked = true;
			framing = SIZE;
			value = 0;
			sizeDigits = false;
			declaredBody = 0;
		}
	}

	/** Checks {@code Host}; returns false when the request is rejected. */
	private boolean onHead(HttpRequest request) {
		if (request.decoderResult().isFailure()) {
			return false;
		}
		int hosts = 0;
		for (Iterator<? extends CharSequence> it = request.headers().valueCharSequenceIterator(HttpHeaderNames.HOST);
				it.hasNext() && hosts < 2; it.next()) {
			hosts++;
		}
		if (hosts > 1 || hosts == 0 && request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
			request.setDecoderResult(DecoderResult.failure(new RequestRejectedException(
					HttpResponseStatus.BAD_REQUEST, hosts == 0 ? "no Host" : "more than one Host")));
			return false;
		}
		if (absoluteAuthority != null) {
			request.headers().set(HttpHeaderNames.HOST, absoluteAuthority);
			absoluteAuthority = null;
		}
		return true;
	}

	/**
	 * Follows the chunked framing over the bytes the decoder just consumed, to see each chunk's
	 * declared size when its line is read (Netty reads it, but keeps it to itself).
	 *
	 * @return false when a declared chunk takes the body over {@code maxBodySize}
	 */
	private boolean followFraming(ByteBuf buffer, int from, int to) {
		int i = from;
		while (i < to) {
			switch (framing) {
				case SIZE -> {
					byte b = buffer.getByte(i++);
					int digit = Character.digit(b, 16);
					if (digit >= 0) {
						value = value * 16 + digit;
						sizeDigits = true;
						if (declaredBody + value > maxBodySize) {
							return false;
						}
					} else if (b == '\n') {
						endOfSizeLine();
					} else if (sizeDigits || (b != ' ' && b != '\t')) {
						framing = SIZE_LINE_END; // extensions, whitespace or CR up to the LF
					}
				}
				case SIZE_LINE_END -> {
					if (buffer.getByte(i++) == '\n') {
						endOfSizeLine();
					}
				}
				case DATA -> {
					int n = (int) Math.min(value, to - i);
					i += n;
					value -= n;
					if (value == 0) {
						framing = DATA_LINE_END;
					}
				}
				case DATA_LINE_END -> {
					if (buffer.getByte(i++) == '\n') {
						framing = SIZE;
						sizeDigits = false;
					}
				}
				default -> i = to; // the last chunk: trailers follow, the decoder reads them
			}
		}
		return true;
	}

	private void endOfSizeLine() {
		if (value == 0) {
			framing = LAST_CHUNK;
			return;
		}
		declaredBody += value;
		framing = DATA;
	}

	private static LastHttpContent rejectedContent(HttpResponseStatus status, String reason) {
		LastHttpContent content = new DefaultLastHttpContent();
		content.setDecoderResult(DecoderResult.failure(new RequestRejectedException(status, reason)));
		return content;
	}

	@Override
	protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
		throw new IllegalArgumentException("Content-Length together with Transfer-Encoding");
	}
}
