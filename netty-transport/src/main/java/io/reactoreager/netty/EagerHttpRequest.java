package io.reactoreager.netty;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.SocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import reactor.util.context.ContextView;

/**
 * One complete HTTP/1.1 request as a handler sees it, in the spirit of WebFlux's
 * {@code ServerRequest}: method, path, path variables (set by {@link EagerRoutes}), query
 * parameters, headers and the body as bytes or text.
 *
 * <p>Ownership: the server copies the body out of Netty's buffers while the request is read and
 * releases those buffers at once, so a request holds no {@code ByteBuf}; it may be read from any
 * thread, during or after the exchange. The path and query are decoded only when asked for.
 *
 * <p>A lazy handler Mono is subscribed with this request in its Reactor {@code Context} under
 * {@link #CONTEXT_KEY}; {@link #from(ContextView)} reads it back.
 */
public final class EagerHttpRequest {

	/** The Reactor {@code Context} key under which a lazy handler Mono finds its request. */
	public static final Class<EagerHttpRequest> CONTEXT_KEY = EagerHttpRequest.class;

	private static final byte[] NO_BODY = new byte[0];

	private final HttpMethod method;
	private final HttpVersion version;
	private final String uri;
	private final HttpHeaders headers;
	private final byte[] body;
	private final int bodyLength;
	private final SocketAddress remoteAddress;
	private final boolean keepAlive;
	private QueryStringDecoder query;
	private Map<String, String> pathVariables = Map.of();

	EagerHttpRequest(HttpMethod method, HttpVersion version, String uri, HttpHeaders headers,
					 byte[] body, int bodyLength, SocketAddress remoteAddress, boolean keepAlive) {
		this.method = method;
		this.version = version;
		this.uri = uri;
		this.headers = headers;
		this.body = body == null ? NO_BODY : body;
		this.bodyLength = body == null ? 0 : bodyLength;
		this.remoteAddress = remoteAddress;
		this.keepAlive = keepAlive;
	}

	/**
	 * The request stored in a subscriber's context by the server, if any.
	 *
	 * @param context a Reactor context view; not null
	 * @return the request of the exchange that subscribed the lazy handler Mono
	 */
	public static Optional<EagerHttpRequest> from(ContextView context) {
		Objects.requireNonNull(context, "context");
		return context.getOrEmpty(CONTEXT_KEY);
	}

	/** @return the request method */
	public HttpMethod method() {
		return method;
	}

	/** @return the protocol version of the request line */
	public HttpVersion version() {
		return version;
	}

	/** @return the request target exactly as sent (path and query, still encoded) */
	public String uri() {
		return uri;
	}

	/** @return the decoded path, without the query string */
	public String path() {
		return query().path();
	}

	/**
	 * The first value of a query parameter.
	 *
	 * @param name the parameter name; not null
	 * @return its first decoded value, or empty when absent
	 */
	public Optional<String> queryParam(String name) {
		Objects.requireNonNull(name, "name");
		List<String> values = query().parameters().get(name);
		return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
	}

	/** @return every query parameter with all its values, unmodifiable */
	public Map<String, List<String>> queryParams() {
		return Collections.unmodifiableMap(query().parameters());
	}

	/**
	 * A path variable captured by the route that matched, like {@code {id}} in
	 * {@code /users/{id}}.
	 *
	 * @param name the variable name; not null
	 * @return its decoded value
	 * @throws IllegalArgumentException when the matched route has no such variable
	 */
	public String pathVariable(String name) {
		Objects.requireNonNull(name, "name");
		String value = pathVariables.get(name);
		if (value == null) {
			throw new IllegalArgumentException("No path variable '" + name + "' in the matched route");
		}
		return value;
	}

	/** @return the path variables of the matched route (empty without a router) */
	public Map<String, String> pathVariables() {
		return pathVariables;
	}

	/** @return the request headers (do not modify) */
	public HttpHeaders headers() {
		return headers;
	}

	/**
	 * The first value of a header.
	 *
	 * @param name the header name, case-insensitive; not null
	 * @return its value, or empty when absent
	 */
	public Optional<String> header(CharSequence name) {
		Objects.requireNonNull(name, "name");
		return Optional.ofNullable(headers.get(name));
	}

	/** @return the body length in bytes (0 when there is none) */
	public int contentLength() {
		return bodyLength;
	}

	/** @return a copy of the body bytes */
	public byte[] bodyAsBytes() {
		byte[] copy = new byte[bodyLength];
		System.arraycopy(body, 0, copy, 0, bodyLength);
		return copy;
	}

	/** @return the body decoded with the {@code Content-Type} charset, UTF-8 by default */
	public String bodyAsString() {
		Charset charset = HttpUtil.getCharset(headers.get(HttpHeaderNames.CONTENT_TYPE), StandardCharsets.UTF_8);
		return new String(body, 0, bodyLength, charset);
	}

	/** @return the peer's address, or null when the channel has none */
	public SocketAddress remoteAddress() {
		return remoteAddress;
	}

	/** Whether the connection may serve another request after this one (version and {@code Connection}). */
	boolean keepAlive() {
		return keepAlive;
	}

	void pathVariables(Map<String, String> variables) {
		this.pathVariables = variables;
	}

	private QueryStringDecoder query() {
		QueryStringDecoder q = query;
		if (q == null) {
			q = new QueryStringDecoder(uri);
			query = q;
		}
		return q;
	}

	@Override
	public String toString() {
		return method + " " + uri;
	}
}
