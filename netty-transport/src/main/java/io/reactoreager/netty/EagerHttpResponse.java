package io.reactoreager.netty;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable HTTP response a handler answers with, in the spirit of WebFlux's
 * {@code ServerResponse}: {@code EagerHttpResponse.ok("hello")},
 * {@code EagerHttpResponse.status(201).header("Location", "/items/7").body(json)}.
 *
 * <p>The body is a byte array the response owns (strings are encoded to UTF-8 once, when the
 * response is built), so one response may be built once and returned for many requests, for
 * example as a resolved {@code Mono.just(response)}: the server wraps the array for each write and
 * never releases or modifies it.
 */
public final class EagerHttpResponse {

	private static final byte[] EMPTY = new byte[0];

	private final HttpResponseStatus status;
	private final HttpHeaders headers;
	private final byte[] body;
	/** Status line and headers as an HTTP/1.1 keep-alive answer, encoded on first use (see {@link #keepAliveHead()}). */
	private volatile byte[] keepAliveHead;

	private EagerHttpResponse(HttpResponseStatus status, HttpHeaders headers, byte[] body) {
		this.status = status;
		this.headers = headers;
		this.body = body;
	}

	/**
	 * Starts a response with a status code.
	 *
	 * @param code the status code, 100 to 999
	 * @return a builder
	 * @throws IllegalArgumentException when the code is out of range
	 */
	public static Builder status(int code) {
		if (code < 100 || code > 999) {
			throw new IllegalArgumentException("status code must be 100..999, was " + code);
		}
		return new Builder(HttpResponseStatus.valueOf(code));
	}

	/**
	 * Starts a response with a status.
	 *
	 * @param status the status; not null
	 * @return a builder
	 */
	public static Builder status(HttpResponseStatus status) {
		return new Builder(Objects.requireNonNull(status, "status"));
	}

	/** @return a builder for {@code 200 OK} */
	public static Builder ok() {
		return new Builder(HttpResponseStatus.OK);
	}

	/**
	 * {@code 200 OK} with a UTF-8 text body.
	 *
	 * @param body the text; not null
	 * @return the response
	 */
	public static EagerHttpResponse ok(String body) {
		return ok().body(body);
	}

	/** @return {@code 404 Not Found} with a short text body */
	public static EagerHttpResponse notFound() {
		return status(HttpResponseStatus.NOT_FOUND).body("Not Found");
	}

	/** @return the status */
	public HttpResponseStatus status() {
		return status;
	}

	/** @return the status code */
	public int statusCode() {
		return status.code();
	}

	/**
	 * The first value of a header.
	 *
	 * @param name the header name, case-insensitive; not null
	 * @return its value or null
	 */
	public String header(CharSequence name) {
		return headers.get(Objects.requireNonNull(name, "name"));
	}

	/**
	 * All values of a header.
	 *
	 * @param name the header name, case-insensitive; not null
	 * @return its values, possibly empty
	 */
	public List<String> headers(CharSequence name) {
		return headers.getAll(Objects.requireNonNull(name, "name"));
	}

	/** @return the body length in bytes */
	public int contentLength() {
		return body.length;
	}

	/** @return a copy of the body */
	public byte[] bodyAsBytes() {
		return body.clone();
	}

	/** @return the body decoded as UTF-8 */
	public String bodyAsString() {
		return new String(body, StandardCharsets.UTF_8);
	}

	/** The headers, to be copied into each Netty response; never handed out for writing. */
	HttpHeaders headersForWrite() {
		return headers;
	}

	/** The body, to be wrapped (never copied, never modified) for each write. */
	byte[] bodyForWrite() {
		return body;
	}

	/**
	 * The status line and headers of this response, encoded as {@code HttpResponseEncoder} would
	 * encode it for an HTTP/1.1 keep-alive answer that is not to a {@code HEAD}: the headers in
	 * order without {@code Content-Length} and {@code Connection}, then
	 * {@code content-length: <body length>}, then the blank line. Encoded once per response (a
	 * benign race may encode it twice), so a response returned for many requests is encoded once.
	 */
	byte[] keepAliveHead() {
		byte[] head = keepAliveHead;
		if (head == null) {
			head = encodeKeepAliveHead();
			keepAliveHead = head;
		}
		return head;
	}

	private byte[] encodeKeepAliveHead() {
		StringBuilder text = new StringBuilder(96);
		text.append("HTTP/1.1 ").append(status.code()).append(' ').append(status.reasonPhrase()).append("\r\n");
		for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
			Map.Entry<CharSequence, CharSequence> header = it.next();
			CharSequence name = header.getKey();
			if (HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)
					|| HttpHeaderNames.CONNECTION.contentEqualsIgnoreCase(name)) {
				continue; // the server's own, as HttpUtil.setContentLength and setKeepAlive would leave them
			}
			text.append(name).append(": ").append(header.getValue()).append("\r\n");
		}
		text.append(HttpHeaderNames.CONTENT_LENGTH).append(": ").append(body.length).append("\r\n\r\n");
		byte[] bytes = new byte[text.length()];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = AsciiString.c2b(text.charAt(i)); // as Netty's encoder writes header text
		}
		return bytes;
	}

	@Override
	public String toString() {
		return "EagerHttpResponse{" + status + ", " + body.length + " bytes}";
	}

	/** Builds an {@link EagerHttpResponse}; a builder is not thread-safe and is used once. */
	public static final class Builder {
		private final HttpResponseStatus status;
		private HttpHeaders headers = new DefaultHttpHeaders();
		/** A response was built on {@link #headers}: a later change must not reach it. */
		private boolean built;

		Builder(HttpResponseStatus status) {
			this.status = status;
		}

		/**
		 * Adds a header value.
		 *
		 * @param name the header name; not null
		 * @param value the value; not null
		 * @return this builder
		 */
		public Builder header(CharSequence name, Object value) {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(value, "value");
			unshared().add(name, value);
			return this;
		}

		/**
		 * Sets the {@code Content-Type}.
		 *
		 * @param contentType the media type, e.g. {@code application/json}; not null
		 * @return this builder
		 */
		public Builder contentType(CharSequence contentType) {
			Objects.requireNonNull(contentType, "contentType");
			unshared().set(HttpHeaderNames.CONTENT_TYPE, contentType);
			return this;
		}

		/**
		 * Finishes with a text body, encoded as UTF-8; {@code text/plain; charset=UTF-8} unless a
		 * content type was set.
		 *
		 * @param text the body; not null
		 * @return the response
		 */
		public EagerHttpResponse body(String text) {
			Objects.requireNonNull(text, "text");
			if (!headers.contains(HttpHeaderNames.CONTENT_TYPE)) {
				unshared().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
			}
			return finish(text.getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * Finishes with a binary body (copied); {@code application/octet-stream} unless a
		 * content type was set.
		 *
		 * @param bytes the body; not null
		 * @return the response
		 */
		public EagerHttpResponse body(byte[] bytes) {
			Objects.requireNonNull(bytes, "bytes");
			if (!headers.contains(HttpHeaderNames.CONTENT_TYPE)) {
				unshared().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
			}
			return finish(bytes.clone());
		}

		/** @return the response without a body */
		public EagerHttpResponse build() {
			return finish(EMPTY);
		}

		private EagerHttpResponse finish(byte[] body) {
			built = true;
			return new EagerHttpResponse(status, headers, body);
		}

		/** The headers to change: a copy once a response shares them, so built responses stay immutable. */
		private HttpHeaders unshared() {
			if (built) {
				headers = new DefaultHttpHeaders().set(headers);
				built = false;
			}
			return headers;
		}
	}
}
