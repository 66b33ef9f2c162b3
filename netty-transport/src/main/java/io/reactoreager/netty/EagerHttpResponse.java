package io.reactoreager.netty;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    @Override
    public String toString() {
        return "EagerHttpResponse{" + status + ", " + body.length + " bytes}";
    }

    /** Builds an {@link EagerHttpResponse}; a builder is not thread-safe and is used once. */
    public static final class Builder {
        private final HttpResponseStatus status;
        private final HttpHeaders headers = new DefaultHttpHeaders();

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
            headers.add(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets the {@code Content-Type}.
         *
         * @param contentType the media type, e.g. {@code application/json}; not null
         * @return this builder
         */
        public Builder contentType(CharSequence contentType) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, Objects.requireNonNull(contentType, "contentType"));
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
                headers.set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
            }
            return new EagerHttpResponse(status, headers, text.getBytes(StandardCharsets.UTF_8));
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
                headers.set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
            }
            return new EagerHttpResponse(status, headers, bytes.clone());
        }

        /** @return the response without a body */
        public EagerHttpResponse build() {
            return new EagerHttpResponse(status, headers, EMPTY);
        }
    }
}
