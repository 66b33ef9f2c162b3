package io.reactoreager.netty;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A complete HTTP response received by {@link EagerHttpClient}: it exists only once the
 * response's last byte has arrived and decoded. It holds no Netty buffer: the client copies the
 * body out of each content buffer as it arrives and releases every Netty message exactly once, on
 * the event loop. It may be used from any thread, at any time.
 */
public final class EagerHttpClientResponse {

	private final HttpResponseStatus status;
	private final HttpHeaders headers;
	private final byte[] body;

	EagerHttpClientResponse(HttpResponseStatus status, HttpHeaders headers, byte[] body) {
		this.status = status;
		this.headers = headers;
		this.body = body;
	}

	/** @return the status */
	public HttpResponseStatus status() {
		return status;
	}

	/** @return the status code */
	public int statusCode() {
		return status.code();
	}

	/** @return the response headers (do not modify) */
	public HttpHeaders headers() {
		return headers;
	}

	/**
	 * @param name the header name, case-insensitive; not null
	 * @return its first value or null
	 */
	public String header(CharSequence name) {
		return headers.get(Objects.requireNonNull(name, "name"));
	}

	/** @return a copy of the body */
	public byte[] bodyAsBytes() {
		return body.clone();
	}

	/** @return the body as UTF-8 text */
	public String bodyAsString() {
		return new String(body, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "EagerHttpClientResponse{" + status + ", " + body.length + " bytes}";
	}
}
